// TanStack Query keys, from general to specific, scoped by connection and database, so one
// invalidation can reach everything under a prefix (e.g. all of one database). Every query key
// and every invalidation is made here; the queries themselves (queryOptions) are in lib/queries/.
export type KeyFilter = { match: string; type: string };

/**
 * How a key list asks for its pages: the page indexes where it switches between browse pages
 * and "Scan all" pages (hooks/use-keys.ts), e.g. [3] = pages 3 on are Scan-all pages. It is part
 * of the list's key, so a refetch asks for every page the way it was first asked for.
 */
export type PageSwitches = readonly number[];

export const qk = {
  all: ["keyscope"] as const,
  connections: () => [...qk.all, "connections"] as const,
  session: () => [...qk.all, "session"] as const,
  audit: (q: string) => [...qk.all, "audit", q] as const,
  conn: (conn: string) => [...qk.all, "conn", conn] as const,
  /** The connection's readiness (the banner's poll): outside qk.conn, so that the refetch of
   * everything under qk.conn on recovery does not reach it. */
  status: (conn: string) => [...qk.all, "status", conn] as const,
  databases: (conn: string) => [...qk.conn(conn), "databases"] as const,
  connectionState: (conn: string) => [...qk.conn(conn), "state"] as const,
  /** Everything of every database of a connection (keys, values, row meta). */
  dbs: (conn: string) => [...qk.conn(conn), "db"] as const,
  db: (conn: string, db: number) => [...qk.dbs(conn), db] as const,
  /** Every key list of a database, whatever its filter: mutations edit them all in place. */
  keyLists: (conn: string, db: number) => [...qk.db(conn, db), "keys"] as const,
  /** One filter's lists, whatever their page switches (the refresh button resets these). */
  keyListsOf: (conn: string, db: number, filter: KeyFilter) =>
    [...qk.keyLists(conn, db), filter] as const,
  keys: (conn: string, db: number, filter: KeyFilter, switches: PageSwitches) =>
    [...qk.keyListsOf(conn, db, filter), { switches }] as const,
  /** `keyId` is lib/bytes `keyId(key)`: a stable string for any key bytes. */
  key: (conn: string, db: number, keyId: string) => [...qk.db(conn, db), "key", keyId] as const,
  keyValue: (conn: string, db: number, keyId: string) =>
    [...qk.key(conn, db, keyId), "value"] as const,
  /** A value read with `decode=` ("1" or a forced chain): under keyValue, so edits reach it. */
  keyValueDecoded: (conn: string, db: number, keyId: string, decode: string) =>
    [...qk.keyValue(conn, db, keyId), { decode }] as const,
  // Value queries (lib/queries/values.ts) build their keys under qk.keyValue(…): the type, the
  // paging and every parameter they send, so an edit's invalidation of qk.key(…) or
  // qk.keyValue(…) reaches every page of the key.
  /** Type and TTL of one listed key (rows of names-only walks), under the key: a TTL change
   * or a delete of the key reaches it. */
  rowMeta: (conn: string, db: number, keyId: string) =>
    [...qk.key(conn, db, keyId), "row-meta"] as const,
  /** MEMORY USAGE of one listed key (the memory column), under the key like rowMeta. */
  rowMemory: (conn: string, db: number, keyId: string) =>
    [...qk.key(conn, db, keyId), "row-memory"] as const,
  /** The type names a connection's server has (type dropdowns). */
  serverTypes: (conn: string, db: number) => [...qk.conn(conn), "types", db] as const,
  overview: (conn: string) => [...qk.conn(conn), "overview"] as const,
  /** The overview's figures: a cluster's totals (node null) or one node's. */
  overviewOf: (conn: string, node: string | null) => [...qk.overview(conn), "of", node] as const,
  overviewHistory: (conn: string) => [...qk.overview(conn), "history"] as const,
  persistence: (conn: string, node: string | null = null) =>
    [...qk.overview(conn), "persistence", node] as const,
  configSettings: (conn: string, node: string | null = null) =>
    [...qk.overview(conn), "config", node] as const,
  /** The Cluster page: nodes, slots, CLUSTER INFO. */
  cluster: (conn: string) => [...qk.conn(conn), "cluster"] as const,
  /** The Sentinel page: master, replicas, sentinels, failovers seen. */
  sentinel: (conn: string) => [...qk.conn(conn), "sentinel"] as const,
  // The console (components/console): the server's command table, for completion and help.
  commands: (conn: string) => [...qk.conn(conn), "commands"] as const,
  // Pub/Sub (components/pubsub): the active channels, by the filter they were listed with.
  pubsub: (conn: string) => [...qk.conn(conn), "pubsub"] as const,
  pubsubChannels: (conn: string, match: string) => [...qk.pubsub(conn), "channels", match] as const,
  // The slowlog, clients and latency pages (lib/queries/diagnostics.ts).
  slowlogs: (conn: string) => [...qk.conn(conn), "slowlog"] as const,
  slowlog: (conn: string, count: number) => [...qk.slowlogs(conn), count] as const,
  clients: (conn: string) => [...qk.conn(conn), "clients"] as const,
  /** Every node's latency figures (for invalidation); `latency` is one node's (null: the default). */
  latencyAll: (conn: string) => [...qk.conn(conn), "latency"] as const,
  latency: (conn: string, node: string | null) => [...qk.latencyAll(conn), node ?? ""] as const,
  latencyHistory: (conn: string, event: string, node: string | null) =>
    [...qk.latency(conn, node), "history", event] as const,
  // Memory analysis (lib/queries/analysis.ts): the saved reports, one report, a comparison.
  analyses: (conn: string) => [...qk.conn(conn), "analysis"] as const,
  analysis: (conn: string, id: string) => [...qk.analyses(conn), id] as const,
  analysisCompare: (conn: string, id: string, other: string) =>
    [...qk.analysis(conn, id), "compare", other] as const,
  // The Celery page (lib/queries/celery.ts): one database's queues, a queue's message windows,
  // the in-flight messages and the results, all under qk.celery for its refresh button.
  celery: (conn: string, db: number) => [...qk.db(conn, db), "celery"] as const,
  celeryMessages: (conn: string, db: number, queue: string, offset: number) =>
    [...qk.celery(conn, db), "messages", queue, offset] as const,
  celeryUnacked: (conn: string, db: number, offset: number) =>
    [...qk.celery(conn, db), "unacked", offset] as const,
  celeryResults: (conn: string, db: number) => [...qk.celery(conn, db), "results"] as const,
  /** Jobs are not scoped by connection: their ids are global (GET /api/jobs/{id}). */
  job: (jobId: string) => [...qk.all, "job", jobId] as const,
};

/** The filter of a key list's query key (as qk.keys made it). */
export function filterOfKeyList(queryKey: readonly unknown[]): KeyFilter {
  return queryKey[qk.keyLists("", 0).length] as KeyFilter;
}
