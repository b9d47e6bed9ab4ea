// The one QueryClient policy of the browser (app/providers.tsx makes one per tab with it):
// which failures are retried, and which mutation errors the form shows itself.
import { MutationCache, QueryClient } from "@tanstack/react-query";
import { ApiClientError } from "@/lib/api-client";
import type { ErrorCode } from "@/lib/errors";

/** What a mutation may say about itself (typed through TanStack's Register, below). */
export type MutationMeta = {
  /** Error codes the mutation's own form shows next to it, so they get no toast. */
  inlineErrors?: readonly ErrorCode[];
};

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: MutationMeta;
  }
}

// Retried: only what may pass by itself, i.e. Keyscope's server unreachable (NETWORK) or Redis
// unreachable or timing out (503), twice, 0.5 s then 1 s later: a Redis restart or a blip is
// absorbed. Whether Redis is away is not judged from these failures: the Redis-down banner
// (components/app/redis-banner.tsx) polls the connection's status every second instead. Never retried: 4xx (the request is
// wrong or the key changed, asking again gets the same answer), other 5xx (Redis or the server
// answered with an error) and a response its schema refuses.
export const TRANSIENT_RETRIES = 2;

export function isTransient(error: unknown): boolean {
  return error instanceof ApiClientError && (error.code === "NETWORK" || error.status === 503);
}

export function retryQuery(failures: number, error: unknown): boolean {
  return isTransient(error) && failures < TRANSIENT_RETRIES;
}

export function retryDelay(failures: number): number {
  return 500 * 2 ** failures;
}

export function makeQueryClient(onMutationError: (message: string) => void): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5_000, retry: retryQuery, retryDelay },
    },
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => {
        const inline = mutation.meta?.inlineErrors ?? [];
        if (
          error instanceof ApiClientError &&
          error.code !== "NETWORK" &&
          inline.includes(error.code)
        )
          return;
        onMutationError(error.message);
      },
    }),
  });
}
