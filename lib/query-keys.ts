// TanStack Query keys, from general to specific, scoped by connection and database, so one
// invalidation can reach everything under a prefix (e.g. all of one database).
export type KeyFilter = { match: string; type: string };

export const qk = {
  all: ["keyscope"] as const,
  connections: () => [...qk.all, "connections"] as const,
  session: () => [...qk.all, "session"] as const,
  audit: (q: string) => [...qk.all, "audit", q] as const,
  conn: (conn: string) => [...qk.all, "conn", conn] as const,
  databases: (conn: string) => [...qk.conn(conn), "databases"] as const,
  db: (conn: string, db: number) => [...qk.conn(conn), "db", db] as const,
  keys: (conn: string, db: number, filter: KeyFilter) =>
    [...qk.db(conn, db), "keys", filter] as const,
  /** `keyId` is lib/bytes `keyId(key)`: a stable string for any key bytes. */
  key: (conn: string, db: number, keyId: string) => [...qk.db(conn, db), "key", keyId] as const,
  keyValue: (conn: string, db: number, keyId: string) =>
    [...qk.key(conn, db, keyId), "value"] as const,
  overview: (conn: string) => [...qk.conn(conn), "overview"] as const,
  overviewHistory: (conn: string) => [...qk.overview(conn), "history"] as const,
  persistence: (conn: string) => [...qk.overview(conn), "persistence"] as const,
  configSettings: (conn: string) => [...qk.overview(conn), "config"] as const,
  /** Jobs are not scoped by connection: their ids are global (GET /api/jobs/{id}). */
  job: (jobId: string) => [...qk.all, "job", jobId] as const,
};
