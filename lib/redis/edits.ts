import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/errors";
import type { CreateBody, EditBody } from "@/lib/schemas/edits";
import { type Arg, type Check, createWith, guardedWrite } from "./guarded-write";
import { features } from "./server-features";
import { targetFor } from "./target";

type Plan = { type: string; check: Check | null; writes: Arg[][] };

function equal(command: Arg[], want: Buffer): Check {
  return { command, mode: "equal", want };
}

/** What each edit checks and writes; every one is a single atomic guarded script. */
function plan(key: Buffer, e: EditBody): Plan {
  switch (e.op) {
    case "set":
      return {
        type: "string",
        check: e.expect ? equal(["GET", key], e.expect) : null,
        writes: [["SET", key, e.value, "KEEPTTL"]],
      };
    case "hset": {
      const field = e.field;
      const check: Check | null =
        e.expect === undefined
          ? null
          : e.expect === null
            ? { command: ["HGET", key, field], mode: "absent" }
            : equal(["HGET", key, field], e.expect);
      return { type: "hash", check, writes: [["HSET", key, field, e.value]] };
    }
    case "hdel":
      return {
        type: "hash",
        check: e.expect ? equal(["HGET", key, e.field], e.expect) : null,
        writes: [["HDEL", key, e.field]],
      };
    case "hexpire":
      return {
        type: "hash",
        check: null,
        writes: [
          e.ttl === null
            ? ["HPERSIST", key, "FIELDS", 1, e.field]
            : ["HEXPIRE", key, e.ttl, "FIELDS", 1, e.field],
        ],
      };
    case "push":
      return {
        type: "list",
        check: null,
        writes: [[e.end === "head" ? "LPUSH" : "RPUSH", key, ...e.values]],
      };
    case "lset":
      // By index alone LSET is not safe: another client may have pushed meanwhile. The element
      // at that index must still be the one the user saw.
      return {
        type: "list",
        check: equal(["LINDEX", key, e.index], e.expect),
        writes: [["LSET", key, e.index, e.value]],
      };
    case "lrem": {
      // Remove exactly the element at `index`: mark it with a unique value, then remove the mark.
      const mark = Buffer.concat([Buffer.from("\x00keyscope-removed:"), randomBytes(16)]);
      return {
        type: "list",
        check: equal(["LINDEX", key, e.index], e.expect),
        writes: [
          ["LSET", key, e.index, mark],
          ["LREM", key, 1, mark],
        ],
      };
    }
    case "ltrim":
      return {
        type: "list",
        check: null,
        writes: [
          ["LTRIM", key, e.start, e.stop],
          ["LLEN", key],
        ],
      };
    case "sadd":
      return { type: "set", check: null, writes: [["SADD", key, ...e.members]] };
    case "srem":
      return { type: "set", check: null, writes: [["SREM", key, ...e.members]] };
    case "zadd": {
      const member = e.member;
      const check: Check | null =
        e.expect === undefined
          ? null
          : e.expect === null
            ? { command: ["ZSCORE", key, member], mode: "absent" }
            : { command: ["ZSCORE", key, member], mode: "number", want: e.expect };
      return { type: "zset", check, writes: [["ZADD", key, e.score, member]] };
    }
    case "zincrby":
      return { type: "zset", check: null, writes: [["ZINCRBY", key, e.by, e.member]] };
    case "zrem":
      return { type: "zset", check: null, writes: [["ZREM", key, ...e.members]] };
    case "xadd":
      return {
        type: "stream",
        check: null,
        writes: [["XADD", key, e.id ?? "*", ...e.fields.flat()]],
      };
    case "xdel":
      return { type: "stream", check: null, writes: [["XDEL", key, ...e.ids]] };
    case "xgroup-create":
      return { type: "stream", check: null, writes: [["XGROUP", "CREATE", key, e.group, e.id]] };
    case "xgroup-destroy":
      return { type: "stream", check: null, writes: [["XGROUP", "DESTROY", key, e.group]] };
    case "xack":
      return { type: "stream", check: null, writes: [["XACK", key, e.group, ...e.ids]] };
  }
}

function resultJson(reply: unknown): number | string | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  return String(reply);
}

/** Applies one edit to a value; 404, 409 WRONG_TYPE and 409 CONFLICT leave it unchanged. */
export async function editValue(
  connId: string,
  db: number,
  key: Buffer,
  edit: EditBody,
): Promise<number | string | null> {
  const client = await targetFor(connId, db).forKey(key);
  if (edit.op === "hexpire" && !(await features(client)).hashFieldTtl) {
    throw new ApiError(
      "BAD_REQUEST",
      "Field TTLs need Redis 7.4 or newer (HEXPIRE); this server does not have them.",
    );
  }
  const p = plan(key, edit);
  const reply = await guardedWrite(client, key, p.type, p.check, p.writes);
  if (edit.op === "xgroup-destroy" && reply === 0)
    throw new ApiError("NOT_FOUND", "No consumer group with that name.");
  return resultJson(reply);
}

function createCommand(key: Buffer, c: CreateBody): Arg[] {
  switch (c.type) {
    case "string":
      return ["SET", key, c.value];
    case "hash":
      return ["HSET", key, ...c.entries.flat()];
    case "list":
      return ["RPUSH", key, ...c.values];
    case "set":
      return ["SADD", key, ...c.members];
    case "zset":
      return ["ZADD", key, ...c.members.flatMap(([m, s]) => [s, m])];
    case "stream":
      return ["XADD", key, "*", ...c.fields.flat()];
  }
}

/** Creates a key of any type with its first contents and optional TTL; 409 if it exists. */
export async function createKey(connId: string, db: number, c: CreateBody): Promise<void> {
  const key = c.key;
  const client = await targetFor(connId, db).forKey(key);
  await createWith(client, key, c.ttl, createCommand(key, c));
}
