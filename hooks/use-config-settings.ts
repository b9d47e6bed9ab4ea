"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { ops } from "@/lib/endpoints";
import { configSettingsQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import type { SettingName } from "@/lib/schemas/config-settings";

export function useConfigSettings(conn: string, node: string | null = null) {
  return useQuery(configSettingsQuery(conn, node));
}

export type SettingChange = { name: SettingName; value: string; expect: string };

/** CONFIG SET; the whole overview is refetched, since a setting shows up in its figures. */
export function useSetConfig(conn: string, node: string | null = null) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["CONFLICT", "BAD_REQUEST"] },
    mutationFn: (change: SettingChange) =>
      request(ops.setConfig, {
        params: { conn },
        query: { node: node ?? undefined },
        body: change,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.overview(conn) }),
  });
}

export function useRewriteConfig(conn: string, node: string | null = null) {
  return useMutation({
    mutationFn: () =>
      request(ops.rewriteConfig, { params: { conn }, query: { node: node ?? undefined } }),
  });
}
