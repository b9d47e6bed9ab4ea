// The type names a server has, for the type dropdowns (key filter, bulk jobs): a type the server
// lacks (ReJSON-RL without RedisJSON) would only be refused there.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { keys } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export function serverTypesQuery(conn: string, db: number) {
  return queryOptions({
    queryKey: qk.serverTypes(conn, db),
    queryFn: ({ signal }) => request(keys.types, { params: { conn, db }, signal }),
    // The server caches MODULE LIST for a minute; modules rarely change while a page is open.
    staleTime: 5 * 60_000,
  });
}
