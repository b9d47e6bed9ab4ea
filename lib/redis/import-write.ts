import "server-only";
import type { TransferType } from "@/lib/schemas/transfer";
import { parseValue } from "./import-parse";

// The commands that write one line of a jsonl import: a key's first line and its parts append
// to the same key (SET then APPEND, HSET, RPUSH, SADD, ZADD, XADD with the file's ids), a
// stream's last line adds its last id and consumer groups, and the TTL comes after the key's
// last line (`ttlCommands`), as RESTORE's ttl argument does: relative to the import.

export type Command = [string, ...(Buffer | string)[]];

export type KeyWrite = {
  key: Buffer;
  type: TransferType;
  pttl: number;
  /** Stream entries written so far (an empty stream needs making). */
  entries: number;
};

export type WriteFeatures = { hashFieldTtl: boolean };

export type LineCommands = { commands: Command[]; fieldTtlsDropped: number };

const score = (s: number | "inf" | "-inf") =>
  s === "inf" ? "+inf" : s === "-inf" ? "-inf" : String(s);

export function lineCommands(
  w: KeyWrite,
  value: unknown,
  first: boolean,
  no: number,
  features: WriteFeatures,
): LineCommands {
  const { key } = w;
  const commands: Command[] = [];
  let fieldTtlsDropped = 0;
  switch (w.type) {
    case "string":
      commands.push([first ? "SET" : "APPEND", key, parseValue("string", value, no)]);
      break;
    case "hash": {
      const entries = parseValue("hash", value, no);
      // biome-ignore lint/complexity/noFlatMapIdentity: not identity, an entry may carry a third item (its TTL)
      if (entries.length) commands.push(["HSET", key, ...entries.flatMap(([f, v]) => [f, v])]);
      for (const [field, , ttl] of entries) {
        if (ttl === undefined) continue;
        if (features.hashFieldTtl)
          commands.push(["HPEXPIRE", key, String(ttl), "FIELDS", "1", field]);
        else fieldTtlsDropped++;
      }
      break;
    }
    case "list": {
      const items = parseValue("list", value, no);
      if (items.length) commands.push(["RPUSH", key, ...items]);
      break;
    }
    case "set": {
      const members = parseValue("set", value, no);
      if (members.length) commands.push(["SADD", key, ...members]);
      break;
    }
    case "zset": {
      const members = parseValue("zset", value, no);
      if (members.length)
        commands.push(["ZADD", key, ...members.flatMap(([m, s]) => [score(s), m])]);
      break;
    }
    case "stream": {
      const s = parseValue("stream", value, no);
      for (const [id, fields] of s.entries) {
        commands.push(["XADD", key, id, ...fields.flat()]);
        w.entries++;
      }
      if (s.lastId !== undefined || s.groups !== undefined) {
        const lastId = s.lastId ?? "0-0";
        if (w.entries === 0) commands.push(...emptyStream(key, lastId));
        else if (s.lastId !== undefined) commands.push(["XSETID", key, lastId]);
        for (const g of s.groups ?? []) {
          commands.push(["XGROUP", "CREATE", key, g.name, g.lastDeliveredId]);
          for (const c of g.consumers) commands.push(["XGROUP", "CREATECONSUMER", key, g.name, c]);
          // FORCE makes the pending entry even though nobody read it here; RETRYCOUNT keeps its
          // delivery count; JUSTID leaves that count alone and returns no entries.
          for (const [id, consumer, count] of g.pending)
            commands.push([
              "XCLAIM",
              key,
              g.name,
              consumer,
              "0",
              id,
              "RETRYCOUNT",
              String(count),
              "FORCE",
              "JUSTID",
            ]);
        }
      }
      break;
    }
  }
  return { commands, fieldTtlsDropped };
}

/**
 * A stream with no entries (all deleted, or made by XGROUP CREATE … MKSTREAM): XADD one entry
 * and trim it away (MAXLEN 0), which leaves the stream with its last id; with no id to give
 * (0-0), a group made with MKSTREAM and destroyed again.
 */
function emptyStream(key: Buffer, lastId: string): Command[] {
  if (lastId !== "0-0") return [["XADD", key, "MAXLEN", "0", lastId, "", ""]];
  const tmp = "keyscope-import-tmp";
  return [
    ["XGROUP", "CREATE", key, tmp, "0", "MKSTREAM"],
    ["XGROUP", "DESTROY", key, tmp],
  ];
}

/** The key's TTL, after its last line. */
export function ttlCommands(w: KeyWrite): Command[] {
  // PTTL 0 was read as the key expired: it expires at once here too (PEXPIRE 0 would delete it
  // before it counted as imported, which is the same thing, but say it plainly).
  return w.pttl >= 0 ? [["PEXPIRE", w.key, String(Math.max(1, w.pttl))]] : [];
}
