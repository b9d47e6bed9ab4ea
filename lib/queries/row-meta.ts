// Type and TTL of listed keys whose page had none (names-only "Scan all" walks): one query per
// key, in TanStack's cache under the key (qk.rowMeta), so a TTL change, a delete, a bulk job or
// a flush reaches it like any other query of the key. The queries of one moment are sent
// together, up to 200 keys a request (the endpoint's maximum): a screen of rows is one request.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { bytesToBase64Url, type JsonBytes, jsonToBytes, keyId } from "@/lib/bytes";
import { keys } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export type RowMeta = { type?: string; ttl?: number };

const BATCH = 200;

type Waiting = {
  key: JsonBytes;
  resolve: (meta: RowMeta) => void;
  reject: (error: unknown) => void;
};

// Asked for but not yet sent, by database and key id. Not a cache: an entry lives until its
// request goes out (the next macrotask) or its query is cancelled.
const queued = new Map<string, Map<string, Waiting[]>>();

function send(conn: string, db: number, batch: [string, Waiting[]][]) {
  const k = batch.map(([, w]) => bytesToBase64Url(jsonToBytes((w[0] as Waiting).key)));
  request(keys.meta, { params: { conn, db }, query: { k } }).then(
    (res) => {
      const found = new Map(res.keys.map((m) => [keyId(m.key), m]));
      for (const [id, waiting] of batch) {
        const m = found.get(id);
        for (const w of waiting) w.resolve({ type: m?.type, ttl: m?.ttl });
      }
    },
    (error: unknown) => {
      for (const [, waiting] of batch) for (const w of waiting) w.reject(error);
    },
  );
}

function flush(conn: string, db: number, scope: string) {
  const ids = queued.get(scope);
  queued.delete(scope);
  if (!ids) return;
  const all = [...ids];
  for (let i = 0; i < all.length; i += BATCH) send(conn, db, all.slice(i, i + BATCH));
}

function load(conn: string, db: number, key: JsonBytes, signal: AbortSignal): Promise<RowMeta> {
  const scope = JSON.stringify([conn, db]);
  const id = keyId(key);
  return new Promise((resolve, reject) => {
    let ids = queued.get(scope);
    if (!ids) {
      ids = new Map();
      queued.set(scope, ids);
      setTimeout(() => flush(conn, db, scope), 0);
    }
    const waiting: Waiting = { key, resolve, reject };
    ids.set(id, [...(ids.get(id) ?? []), waiting]);
    // A row that scrolled away before its request went out is not asked for.
    signal.addEventListener("abort", () => {
      const list = queued
        .get(scope)
        ?.get(id)
        ?.filter((w) => w !== waiting);
      if (list?.length) queued.get(scope)?.set(id, list);
      else queued.get(scope)?.delete(id);
      reject(signal.reason);
    });
  });
}

export function rowMetaQuery(conn: string, db: number, key: JsonBytes) {
  return queryOptions({
    queryKey: qk.rowMeta(conn, db, keyId(key)),
    queryFn: ({ signal }) => load(conn, db, key, signal),
    // Asked once per key while it stays cached; invalidations (TTL, bulk job, flush) ask again.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
