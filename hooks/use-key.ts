"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, keyPath } from "@/lib/api-client";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { qk } from "@/lib/query-keys";
import { keyInfo } from "@/lib/schemas/keys";
import { stringValue } from "@/lib/schemas/values";

export function useKeyInfo(conn: string, db: number, key: JsonBytes | null) {
  return useQuery({
    queryKey: qk.key(conn, db, key === null ? "" : keyId(key)),
    queryFn: ({ signal }) => api(keyPath(conn, db, key as JsonBytes), keyInfo, { signal }),
    enabled: key !== null,
    retry: false,
  });
}

// Windows of a string value: 64 KiB first, more on demand; never the whole value at once.
export const STRING_WINDOW = 64 * 1024;

export function useStringValue(conn: string, db: number, key: JsonBytes, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: qk.keyValue(conn, db, keyId(key)),
    queryFn: ({ pageParam, signal }) =>
      api(
        keyPath(conn, db, key, "/value", `&offset=${pageParam}&limit=${STRING_WINDOW}`),
        stringValue,
        { signal },
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.truncated ? last.offset + STRING_WINDOW : undefined),
    enabled,
    retry: false,
  });
}
