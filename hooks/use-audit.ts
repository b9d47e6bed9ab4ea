"use client";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { qk } from "@/lib/query-keys";
import { auditList } from "@/lib/schemas/auth";

export function useAudit(q: string) {
  return useQuery({
    queryKey: qk.audit(q),
    queryFn: () => api(`/api/audit?limit=500${q ? `&q=${encodeURIComponent(q)}` : ""}`, auditList),
    refetchInterval: 10_000,
  });
}
