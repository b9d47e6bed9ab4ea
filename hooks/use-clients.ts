"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { diagnostics } from "@/lib/endpoints";
import { clientsQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";

export function useClients(conn: string, poll: boolean) {
  return useQuery(clientsQuery(conn, poll));
}

/** CLIENT KILL ID; the list is read again (the client may already have reconnected). */
export function useKillClient(conn: string) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["NOT_FOUND"] },
    // On a cluster ids are per node: the row's node goes with its id.
    mutationFn: ({ id, node }: { id: number; node?: string }) =>
      request(diagnostics.killClient, { params: { conn, id: String(id) }, query: { node } }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.clients(conn) }),
  });
}
