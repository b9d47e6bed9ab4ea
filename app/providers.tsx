"use client";
import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { ApiClientError } from "@/lib/api-client";

// One QueryClient per browser tab. Policy: no retry on 4xx or on 503 (the banner polls
// instead); one retry on other failures; every failed mutation shows a toast.
function makeClient(onMutationError: (message: string) => void): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failures, error) => {
          if (error instanceof ApiClientError && (error.status < 500 || error.status === 503))
            return false;
          return failures < 1;
        },
      },
    },
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        // A mutation that shows some errors itself (e.g. a rename conflict) lists their codes.
        const inline = (mutation.meta?.inlineErrors ?? []) as string[];
        if (error instanceof ApiClientError && inline.includes(error.code)) return;
        onMutationError(error.message);
      },
    }),
  });
}

function QueryProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const [client] = useState(() => makeClient((m) => toast.show("error", m)));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ToastProvider>
      <QueryProvider>{children}</QueryProvider>
    </ToastProvider>
  );
}
