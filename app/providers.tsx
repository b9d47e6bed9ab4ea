"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ToastProvider, useToast } from "@/components/ui/toast";
import { makeQueryClient } from "@/lib/query-client";

// One QueryClient per browser tab, with the policy of lib/query-client.ts: retries only for
// failures that may pass by themselves; every failed mutation shows a toast unless its form
// shows that error itself.
function QueryProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const [client] = useState(() => makeQueryClient((m) => toast.show("error", m)));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ToastProvider>
      <QueryProvider>{children}</QueryProvider>
    </ToastProvider>
  );
}
