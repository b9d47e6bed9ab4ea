"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "@/lib/api-client";
import { qk } from "@/lib/query-keys";
import { sessionStatus } from "@/lib/schemas/auth";

export function useSession() {
  return useQuery({
    queryKey: qk.session(),
    queryFn: () => api("/api/auth/session", sessionStatus),
    staleTime: 60_000,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () =>
      api("/api/auth/logout", z.object({ ok: z.literal(true) }), { method: "POST" }),
    onSuccess: () => window.location.assign("/login"),
  });
}
