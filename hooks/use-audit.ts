"use client";
import { useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { auth } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export function useAudit(q: string) {
  return useQuery({
    queryKey: qk.audit(q),
    queryFn: () => request(auth.audit, { query: { limit: 500, q } }),
    refetchInterval: 10_000,
  });
}
