"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { request as apiRequest } from "@/lib/api-client";
import { bytesToBase64Url, type JsonBytes, jsonToBytes, keyId } from "@/lib/bytes";
import { keys } from "@/lib/endpoints";
import type { ScannedKeyJson } from "@/lib/schemas/keys";

export type RowMeta = { type?: string; ttl?: number };

// Walks of a whole keyspace ("Scan all") fetch names only, which is several times cheaper for
// Redis; the type and TTL of the rows actually on screen are fetched here, 200 at a time,
// shortly after they scroll into view.
const BATCH = 200;
const DELAY_MS = 80;

export function useRowMeta(conn: string, db: number) {
  const [known, setKnown] = useState(() => new Map<string, RowMeta>());
  const queue = useRef(new Map<string, JsonBytes>());
  const asked = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scope = `${conn}/${db}`;
  const scopeRef = useRef(scope);

  useEffect(() => {
    scopeRef.current = scope;
    queue.current.clear();
    asked.current.clear();
    setKnown(new Map());
  }, [scope]);

  const flush = useCallback(async () => {
    timer.current = null;
    const batch = [...queue.current].slice(0, BATCH);
    for (const [id] of batch) queue.current.delete(id);
    if (queue.current.size > 0) timer.current = setTimeout(flush, DELAY_MS);
    if (batch.length === 0) return;
    const asking = scopeRef.current;
    const k = batch.map(([, key]) => bytesToBase64Url(jsonToBytes(key)));
    try {
      const res = await apiRequest(keys.meta, { params: { conn, db }, query: { k } });
      if (scopeRef.current !== asking) return;
      setKnown((prev) => {
        const next = new Map(prev);
        for (const k of res.keys) next.set(keyId(k.key), { type: k.type, ttl: k.ttl });
        return next;
      });
    } catch {
      // Leave them unknown ("…"); scrolling away and back asks again.
      for (const [id] of batch) asked.current.delete(id);
    }
  }, [conn, db]);

  /** Call with the rows on screen; those without a type are fetched shortly. */
  const request = useCallback(
    (rows: ScannedKeyJson[]) => {
      for (const row of rows) {
        if (row.type !== undefined) continue;
        const id = keyId(row.key);
        if (asked.current.has(id)) continue;
        asked.current.add(id);
        queue.current.set(id, row.key);
      }
      if (queue.current.size > 0 && timer.current === null)
        timer.current = setTimeout(flush, DELAY_MS);
    },
    [flush],
  );

  const metaOf = useCallback(
    (row: ScannedKeyJson): RowMeta => {
      if (row.type !== undefined) return { type: row.type, ttl: row.ttl };
      const m = known.get(keyId(row.key));
      return { type: m?.type, ttl: row.ttl ?? m?.ttl };
    },
    [known],
  );

  return { request, metaOf };
}
