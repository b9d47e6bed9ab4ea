"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { checkJson, request } from "@/lib/api-client";
import { type JsonBytes, keyId, keyQuery } from "@/lib/bytes";
import { keys, values } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import { stringValue } from "@/lib/schemas/values";

export function useKeyInfo(conn: string, db: number, key: JsonBytes | null) {
  return useQuery({
    queryKey: qk.key(conn, db, key === null ? "" : keyId(key)),
    queryFn: ({ signal }) =>
      request(keys.info, { params: { conn, db }, query: keyQuery(key as JsonBytes), signal }),
    enabled: key !== null,
    retry: false,
  });
}

// Windows of a string value: 64 KiB first, more on demand; never the whole value at once.
export const STRING_WINDOW = 64 * 1024;

export function useStringValue(conn: string, db: number, key: JsonBytes, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: qk.keyValue(conn, db, keyId(key)),
    queryFn: async ({ pageParam, signal }) =>
      checkJson(
        stringValue,
        await request(values.read, {
          params: { conn, db },
          query: { ...keyQuery(key), offset: pageParam, limit: STRING_WINDOW },
          signal,
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.truncated ? last.offset + STRING_WINDOW : undefined),
    enabled,
    retry: false,
  });
}
