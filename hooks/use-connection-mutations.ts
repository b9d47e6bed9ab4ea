"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { connections } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import type {
  ConnectionInput,
  ConnectionPatch,
  ConnectionTestInput,
} from "@/lib/schemas/connections";

// Add, change, delete, test and import connections. Every write invalidates the list (the
// header's picker reads it too); a change or delete also drops everything cached under the
// connection, since its settings (and so its data) may now be another server's.

/** BAD_REQUEST is shown on the form's fields, not as a toast. */
const FORM_ERRORS = { inlineErrors: ["BAD_REQUEST"] as const };

export function useCreateConnection(onDone: (id: string) => void) {
  const client = useQueryClient();
  return useMutation({
    meta: FORM_ERRORS,
    mutationFn: (body: ConnectionInput) => request(connections.create, { body }),
    onSuccess: async ({ id }) => {
      await client.invalidateQueries({ queryKey: qk.connections() });
      onDone(id);
    },
  });
}

export function useUpdateConnection(conn: string, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    meta: FORM_ERRORS,
    mutationFn: (body: ConnectionPatch) => request(connections.update, { params: { conn }, body }),
    onSuccess: async () => {
      client.removeQueries({ queryKey: qk.conn(conn) });
      await client.invalidateQueries({ queryKey: qk.connections() });
      onDone();
    },
  });
}

export function useDeleteConnection(conn: string, onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request(connections.remove, { params: { conn } }),
    onSuccess: async () => {
      onDone();
      client.removeQueries({ queryKey: qk.conn(conn) });
      await client.invalidateQueries({ queryKey: qk.connections() });
    },
  });
}

/** A test is a read of the target Redis: its answer (ok or why not) is shown by the form. */
export function useTestConnection() {
  return useMutation({
    meta: FORM_ERRORS,
    mutationFn: (body: ConnectionTestInput) => request(connections.test, { body }),
  });
}

export function useImportConnections() {
  const client = useQueryClient();
  return useMutation({
    meta: FORM_ERRORS,
    mutationFn: (content: string) => request(connections.importFile, { body: { content } }),
    onSuccess: () => client.invalidateQueries({ queryKey: qk.connections() }),
  });
}
