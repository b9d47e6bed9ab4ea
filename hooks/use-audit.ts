"use client";
import { useQuery } from "@tanstack/react-query";
import { auditQuery } from "@/lib/queries";

export function useAudit(q: string) {
  return useQuery(auditQuery(q));
}
