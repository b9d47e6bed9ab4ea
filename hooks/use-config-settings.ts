"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { qk } from "@/lib/query-keys";
import {
  configSettings,
  rewriteResult,
  type SettingName,
  setConfigResult,
} from "@/lib/schemas/config-settings";

const connPath = (conn: string) => `/api/connections/${encodeURIComponent(conn)}`;

export function useConfigSettings(conn: string) {
  return useQuery({
    queryKey: qk.configSettings(conn),
    queryFn: ({ signal }) => api(`${connPath(conn)}/config`, configSettings, { signal }),
    staleTime: 10_000,
  });
}

export type SettingChange = { name: SettingName; value: string; expect: string };

/** CONFIG SET; the whole overview is refetched, since a setting shows up in its figures. */
export function useSetConfig(conn: string) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["CONFLICT", "BAD_REQUEST"] },
    mutationFn: (change: SettingChange) =>
      api(`${connPath(conn)}/config`, setConfigResult, { method: "PUT", json: change }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.overview(conn) }),
  });
}

export function useRewriteConfig(conn: string) {
  return useMutation({
    mutationFn: () => api(`${connPath(conn)}/config/rewrite`, rewriteResult, { method: "POST" }),
  });
}
