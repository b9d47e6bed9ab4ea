// Type and TTL of listed keys whose page had none (names-only "Scan all" walks): one query per
// key, in TanStack's cache under the key (qk.rowMeta), so a TTL change, a delete, a bulk job or
// a flush reaches it like any other query of the key. The queries of one moment are sent
// together, up to 200 keys a request (the endpoint's maximum): a screen of rows is one request.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { bytesToBase64Url, type JsonBytes, jsonToBytes, keyId } from "@/lib/bytes";
import { keys } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import { keyBatcher } from "./key-batcher";

export type RowMeta = { type?: string; ttl?: number };

const load = keyBatcher<RowMeta>(200, {}, async (conn, db, batch) => {
  const k = batch.map((key) => bytesToBase64Url(jsonToBytes(key)));
  const res = await request(keys.meta, { params: { conn, db }, query: { k } });
  return new Map(res.keys.map((m) => [keyId(m.key), { type: m.type, ttl: m.ttl }]));
});

export function rowMetaQuery(conn: string, db: number, key: JsonBytes) {
  return queryOptions({
    queryKey: qk.rowMeta(conn, db, keyId(key)),
    queryFn: ({ signal }) => load(conn, db, key, signal),
    // Asked once per key while it stays cached; invalidations (TTL, bulk job, flush) ask again.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
