import "server-only";
import { bytesToJson } from "@/lib/bytes";
import type { ValueQuery } from "@/lib/schemas/values";
import { readHash } from "./hashes";
import { readJsonDocument } from "./json-module";
import { notFound } from "./keys";
import { readList } from "./lists";
import { readSet } from "./sets";
import { readStream } from "./streams";
import { readString } from "./strings";
import { targetFor } from "./target";
import { readZset } from "./zsets";

/** One page of a key's value, in the API's JSON shape for its type (docs/api.md). */
export async function readValue(connId: string, db: number, key: Buffer, q: ValueQuery) {
  const client = await targetFor(connId, db).forKey(key);
  const type = await client.type(key);
  const match = q.match && Buffer.from(q.match);
  switch (type) {
    case "none":
      throw notFound();
    case "string": {
      const p = await readString(connId, db, key, q.offset, q.limit);
      return {
        type,
        value: bytesToJson(p.value),
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
        entries: p.entries.map((e) => ({
          ...e,
          field: bytesToJson(e.field),
          value: bytesToJson(e.value),
        })),
        length: p.length,
        fieldTtl: p.fieldTtl,
      };
    }
    case "list": {
      const p = await readList(connId, db, key, q.offset, q.count);
      return { type, offset: p.offset, items: p.items.map(bytesToJson), length: p.length };
    }
    case "set": {
      const p = await readSet(connId, db, key, { cursor: q.cursor, count: q.count, match });
      return { type, cursor: p.cursor, members: p.members.map(bytesToJson), length: p.length };
    }
    case "zset": {
      const p = await readZset(connId, db, key, { ...q, match, order: q.order ?? "asc" });
      return {
        type,
        ...p,
        members: p.members.map((m) => ({ member: bytesToJson(m.member), score: m.score })),
      };
    }
    case "stream": {
      const p = await readStream(connId, db, key, { ...q, order: q.order ?? "desc" });
      return {
        type,
        entries: p.entries.map((e) => ({
          id: e.id,
          fields: e.fields.map(([n, v]) => [bytesToJson(n), bytesToJson(v)]),
        })),
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
