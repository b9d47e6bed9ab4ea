"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { ApiClientError, request } from "@/lib/api-client";
import { type JsonBytes, keyId, keyQuery } from "@/lib/bytes";
import { keys, values } from "@/lib/endpoints";
import type { ErrorCode } from "@/lib/errors";
import { filterOfKeyList, type KeyFilter, qk } from "@/lib/query-keys";
import type { createBody, editBody } from "@/lib/schemas/edits";
import type { KeysData } from "./use-keys";

type Target = { conn: string; db: number; key: JsonBytes };

/** Edits every loaded key list of this database in place, instead of re-walking the keyspace. */
function useEditLoadedKeys(conn: string, db: number) {
  const client = useQueryClient();
  return (edit: (rows: KeysData["pages"][number]["keys"]) => KeysData["pages"][number]["keys"]) => {
    client.setQueriesData<KeysData>({ queryKey: qk.keyLists(conn, db) }, (data) =>
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
      request(keys.ttl, { params: { conn, db }, query: keyQuery(key), body: { ttl } }),
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
    mutationFn: () => request(keys.remove, { params: { conn, db }, query: keyQuery(key) }),
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
      request(keys.rename, { params: { conn, db }, query: keyQuery(key), body: v }),
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

export type EditInput = z.input<typeof editBody>;

// Edits show these answers next to the form instead of as a toast: CONFLICT (changed since it was
// read: the value is refetched so the form can show what is there now), WRONG_TYPE and NOT_FOUND
// (the key changed under the user; the form offers a reload rather than swapping the view away).
const EDIT_INLINE: readonly ErrorCode[] = ["CONFLICT", "WRONG_TYPE", "NOT_FOUND"];

/** One change to a value's contents (POST …/key/edit); refetches the key and its value after. */
export function useEditValue({ conn, db, key }: Target) {
  const client = useQueryClient();
  const id = keyId(key);
  return useMutation({
    meta: { inlineErrors: EDIT_INLINE },
    mutationFn: (body: EditInput) =>
      request(values.edit, { params: { conn, db }, query: keyQuery(key), body }),
    onSuccess: () => client.invalidateQueries({ queryKey: qk.key(conn, db, id) }),
    onError: (error) => {
      if (error instanceof ApiClientError && error.code === "CONFLICT")
        return client.invalidateQueries({ queryKey: qk.keyValue(conn, db, id) });
    },
  });
}

export type CreateInput = z.input<typeof createBody>;

/** Whether a new key belongs in a loaded list: no glob, or a plain `prefix*` it starts with. */
function fitsFilter(filter: KeyFilter, key: JsonBytes, type: string): boolean {
  if (filter.type && filter.type !== type) return false;
  if (!filter.match) return true;
  const prefix = /^([^*?[\]\\]*)\*$/.exec(filter.match)?.[1];
  return prefix !== undefined && typeof key === "string" && key.startsWith(prefix);
}

/** Creates a key (409 CONFLICT when it exists) and adds it to the loaded lists it belongs in. */
export function useCreateKey(conn: string, db: number, onDone: (key: JsonBytes) => void) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["CONFLICT"] },
    mutationFn: (body: CreateInput) => request(keys.create, { params: { conn, db }, body }),
    onSuccess: (_result, body) => {
      onDone(body.key);
      const row = { key: body.key, type: body.type, ttl: body.ttl ?? -1 };
      for (const [queryKey, data] of client.getQueriesData<KeysData>({
        queryKey: qk.keyLists(conn, db),
      })) {
        const filter = filterOfKeyList(queryKey);
        const first = data?.pages[0];
        if (!data || !first || !fitsFilter(filter, body.key, body.type)) continue;
        const pages = [{ ...first, keys: [row, ...first.keys] }, ...data.pages.slice(1)];
        client.setQueryData<KeysData>(queryKey, { ...data, pages });
      }
      client.removeQueries({ queryKey: qk.key(conn, db, keyId(body.key)) });
      return client.invalidateQueries({ queryKey: qk.databases(conn) });
    },
  });
}
