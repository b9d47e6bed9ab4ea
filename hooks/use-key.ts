"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { JsonBytes } from "@/lib/bytes";
import { keyInfoQuery, stringValueQuery } from "@/lib/queries";

export { STRING_WINDOW } from "@/lib/queries";

export function useKeyInfo(conn: string, db: number, key: JsonBytes | null) {
  return useQuery(keyInfoQuery(conn, db, key));
}

export function useStringValue(
  conn: string,
  db: number,
  key: JsonBytes,
  enabled: boolean,
  decode?: string,
) {
  return useInfiniteQuery({ ...stringValueQuery(conn, db, key, decode), enabled });
}
