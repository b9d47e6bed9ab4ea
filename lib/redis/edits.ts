import "server-only";
import { ApiError } from "@/lib/errors";
import type { CreateBody, EditBody } from "@/lib/schemas/edits";
import { type Arg, createWith, guardedWrite } from "./guarded-write";
import { targetFor } from "./target";
import { EDIT_PLANNERS, TYPE_MODULES } from "./types/modules";

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
  const planner = EDIT_PLANNERS.get(edit.op);
  // The schema and the modules list the same operations (checked in ./types/modules.ts).
  if (!planner) throw new ApiError("BAD_REQUEST", `Unknown edit operation ${edit.op}.`);
  const client = await targetFor(connId, db).forKey(key);
  const p = await planner.plan(key, edit, client);
  const reply = await guardedWrite(client, key, planner.type, p.check, p.writes);
  p.onReply?.(reply);
  return resultJson(reply);
}

/** Creates a key of any creatable type with its first contents and optional TTL; 409 if it exists. */
export async function createKey(connId: string, db: number, c: CreateBody): Promise<void> {
  const key = c.key;
  // Each module's create takes its own body; c.type picked the module, so the body matches.
  const create = TYPE_MODULES[c.type].create as (key: Buffer, body: CreateBody) => Arg[];
  const client = await targetFor(connId, db).forKey(key);
  await createWith(client, key, c.ttl, create(key, c));
}
