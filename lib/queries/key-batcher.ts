// Per-key queries that travel together: each key's query function asks its batcher, which sends
// every key asked for in the same macrotask in one request (up to `size` keys a request). A key
// whose query is cancelled (its row scrolled away) before the request went out is not sent.
import type { JsonBytes } from "@/lib/bytes";
import { keyId } from "@/lib/bytes";

type Waiting<T> = { key: JsonBytes; resolve: (v: T) => void; reject: (e: unknown) => void };

/** `send` answers for the keys of one batch, by keyId; a key it leaves out resolves to `missing`. */
export function keyBatcher<T>(
  size: number,
  missing: T,
  send: (conn: string, db: number, keys: JsonBytes[]) => Promise<Map<string, T>>,
) {
  const queued = new Map<string, Map<string, Waiting<T>[]>>();

  const flush = (conn: string, db: number, scope: string) => {
    const ids = [...(queued.get(scope) ?? [])];
    queued.delete(scope);
    for (let i = 0; i < ids.length; i += size) {
      const batch = ids.slice(i, i + size);
      send(
        conn,
        db,
        batch.map(([, w]) => (w[0] as Waiting<T>).key),
      ).then(
        (found) => {
          for (const [id, waiting] of batch)
            for (const w of waiting) w.resolve(found.get(id) ?? missing);
        },
        (error: unknown) => {
          for (const [, waiting] of batch) for (const w of waiting) w.reject(error);
        },
      );
    }
  };

  return (conn: string, db: number, key: JsonBytes, signal: AbortSignal): Promise<T> => {
    const scope = JSON.stringify([conn, db]);
    const id = keyId(key);
    return new Promise<T>((resolve, reject) => {
      let ids = queued.get(scope);
      if (!ids) {
        ids = new Map();
        queued.set(scope, ids);
        setTimeout(() => flush(conn, db, scope), 0);
      }
      const waiting: Waiting<T> = { key, resolve, reject };
      ids.set(id, [...(ids.get(id) ?? []), waiting]);
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
  };
}
