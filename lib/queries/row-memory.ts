// MEMORY USAGE of the rows on screen, for the key list's memory column: one query per key under
// the key (qk.rowMemory), so an edit, a delete or a bulk job reaches it like any query of the
// key; the keys of one moment go together, 200 a request (GET …/keys/memory's maximum).
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { bytesToBase64Url, type JsonBytes, jsonToBytes, keyId } from "@/lib/bytes";
import { keys } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import { keyBatcher } from "./key-batcher";

const load = keyBatcher<number | null>(200, null, async (conn, db, batch) => {
  const k = batch.map((key) => bytesToBase64Url(jsonToBytes(key)));
  const res = await request(keys.memory, { params: { conn, db }, query: { k } });
  return new Map(res.keys.map((m) => [keyId(m.key), m.memoryBytes]));
});

export function rowMemoryQuery(conn: string, db: number, key: JsonBytes) {
  return queryOptions({
    queryKey: qk.rowMemory(conn, db, keyId(key)),
    queryFn: ({ signal }) => load(conn, db, key, signal),
    // A key's size changes with its value: a minute old is fresh enough for sorting a screenful.
    staleTime: 60_000,
  });
}
