import "server-only";
import type { KeyValue, ValueQuery } from "@/lib/schemas/values";
import { readHash } from "./hashes";
import { readJsonDocument } from "./json-module";
import { notFound } from "./keys";
import { readList } from "./lists";
import { readSet } from "./sets";
import { readStream } from "./streams";
import { readString } from "./strings";
import { targetFor } from "./target";
import { readZset } from "./zsets";

/** One page of a key's value, in the API's shape for its type (docs/api.md), bytes as Buffers. */
export async function readValue(
  connId: string,
  db: number,
  key: Buffer,
  q: ValueQuery,
): Promise<KeyValue> {
  const client = await targetFor(connId, db).forKey(key);
  const type = await client.type(key);
  const match = q.match;
  switch (type) {
    case "none":
      throw notFound();
    case "string": {
      const p = await readString(connId, db, key, q.offset, q.limit);
      return {
        type,
        value: p.value,
        offset: p.offset,
        length: p.length,
        truncated: p.truncated,
        ...(p.hyperloglog && { hyperloglog: p.hyperloglog }),
      };
    }
    case "hash": {
      const p = await readHash(connId, db, key, { cursor: q.cursor, count: q.count, match });
      return {
        type,
        cursor: p.cursor,
        entries: p.entries,
        length: p.length,
        fieldTtl: p.fieldTtl,
      };
    }
    case "list": {
      const p = await readList(connId, db, key, q.offset, q.count);
      return { type, offset: p.offset, items: p.items, length: p.length };
    }
    case "set": {
      const p = await readSet(connId, db, key, { cursor: q.cursor, count: q.count, match });
      return { type, cursor: p.cursor, members: p.members, length: p.length };
    }
    case "zset": {
      const p = await readZset(connId, db, key, { ...q, match, order: q.order ?? "asc" });
      return { type, ...p };
    }
    case "stream": {
      const p = await readStream(connId, db, key, { ...q, order: q.order ?? "desc" });
      return {
        type,
        entries: p.entries,
        length: p.length,
        next: p.next,
      };
    }
    case "ReJSON-RL":
      return { type, ...(await readJsonDocument(connId, db, key)) };
    default: {
      // A module type we have no viewer for: say what it is and how big, never fail the page.
      const memory = (await client.call("MEMORY", "USAGE", key).catch(() => null)) as number | null;
      return { type, unsupported: true, memoryBytes: memory };
    }
  }
}
