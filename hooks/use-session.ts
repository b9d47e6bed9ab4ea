"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { auth } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export function useSession() {
  return useQuery({
    queryKey: qk.session(),
    queryFn: () => request(auth.session, {}),
    staleTime: 60_000,
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => request(auth.logout, {}),
    onSuccess: () => window.location.assign("/login"),
  });
}
