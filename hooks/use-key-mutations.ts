"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { api, keyPath } from "@/lib/api-client";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { qk } from "@/lib/query-keys";
import { deleteResult, renameResult, ttlResult } from "@/lib/schemas/keys";
import type { KeysData } from "./use-keys";

type Target = { conn: string; db: number; key: JsonBytes };

/** Edits every loaded key list of this database in place, instead of re-walking the keyspace. */
function useEditLoadedKeys(conn: string, db: number) {
  const client = useQueryClient();
  return (edit: (rows: KeysData["pages"][number]["keys"]) => KeysData["pages"][number]["keys"]) => {
    client.setQueriesData<KeysData>({ queryKey: [...qk.db(conn, db), "keys"] }, (data) =>
      data ? { ...data, pages: data.pages.map((p) => ({ ...p, keys: edit(p.keys) })) } : data,
    );
  };
}

export function useSetTtl({ conn, db, key }: Target) {
  const client = useQueryClient();
  const editRows = useEditLoadedKeys(conn, db);
  const id = keyId(key);
  return useMutation({
    mutationFn: (ttl: number | null) =>
      api(keyPath(conn, db, key, "/ttl"), ttlResult, { method: "PUT", json: { ttl } }),
    onSuccess: ({ ttl }) => {
      editRows((rows) => rows.map((r) => (keyId(r.key) === id ? { ...r, ttl } : r)));
      return client.invalidateQueries({ queryKey: qk.key(conn, db, id) });
    },
  });
}

// Delete and rename run their `onDone` before dropping the key's cached details: the component
// that started them unmounts as soon as those details go, and would never hear of success.

export function useDeleteKey({ conn, db, key }: Target, onDone: () => void) {
  const client = useQueryClient();
  const editRows = useEditLoadedKeys(conn, db);
  const id = keyId(key);
  return useMutation({
    mutationFn: () => api(keyPath(conn, db, key), deleteResult, { method: "DELETE" }),
    onSuccess: () => {
      onDone();
      editRows((rows) => rows.filter((r) => keyId(r.key) !== id));
      client.removeQueries({ queryKey: qk.key(conn, db, id) });
      return client.invalidateQueries({ queryKey: qk.databases(conn) });
    },
  });
}

export function useRenameKey({ conn, db, key }: Target, onDone: (newKey: JsonBytes) => void) {
  const client = useQueryClient();
  const editRows = useEditLoadedKeys(conn, db);
  const id = keyId(key);
  return useMutation({
    meta: { inlineErrors: ["CONFLICT"] },
    mutationFn: (v: { newKey: JsonBytes; overwrite: boolean }) =>
      api(keyPath(conn, db, key, "/rename"), renameResult, { method: "POST", json: v }),
    onSuccess: ({ newKey }) => {
      onDone(newKey);
      const newId = keyId(newKey);
      editRows((rows) =>
        rows
          .filter((r) => keyId(r.key) !== newId)
          .map((r) => (keyId(r.key) === id ? { ...r, key: newKey } : r)),
      );
      client.removeQueries({ queryKey: qk.key(conn, db, id) });
    },
  });
}

export function useWriteString({ conn, db, key }: Target) {
  const client = useQueryClient();
  const id = keyId(key);
  return useMutation({
    mutationFn: (value: JsonBytes) =>
      api(keyPath(conn, db, key, "/value"), z.object({ ok: z.literal(true) }), {
        method: "PUT",
        json: { value },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: qk.key(conn, db, id) }),
  });
}
