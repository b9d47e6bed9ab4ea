// Queries of the connections page: each connection's state (reachable, version, keys, memory).
// The list itself is connectionsQuery (./server.ts), which the header uses too.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { connections } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

/**
 * One connection's figures. The server bounds each within the connect timeout, so a dead Redis
 * answers "unreachable" rather than hanging the row; refreshed every 15 s while the page is open.
 */
export function connectionStateQuery(conn: string) {
  return queryOptions({
    queryKey: qk.connectionState(conn),
    queryFn: ({ signal }) => request(connections.state, { params: { conn }, signal }),
    refetchInterval: 15_000,
    retry: false,
  });
}
