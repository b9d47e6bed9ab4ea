"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { auth } from "@/lib/endpoints";
import { sessionQuery } from "@/lib/queries";

export function useSession() {
  return useQuery(sessionQuery());
}

export function useLogout() {
  return useMutation({
    mutationFn: () => request(auth.logout, {}),
    onSuccess: () => window.location.assign("/login"),
  });
}
