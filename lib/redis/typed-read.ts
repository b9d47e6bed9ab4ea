import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { notFound } from "./keys";

type Command = [name: string, ...args: (string | number | Buffer)[]];

/**
 * Runs read commands on a key in one MULTI with its TYPE first, so the type check and the
 * read see the same state: 404 when the key is gone, 409 WRONG_TYPE when it is another type.
 * Returns the commands' replies as Buffers (binary-safe).
 */
export async function readTyped(
  client: Redis,
  key: Buffer,
  type: string,
  commands: Command[],
): Promise<unknown[]> {
  const tx = client.multi();
  tx.type(key);
  for (const [name, ...args] of commands) tx.callBuffer(name, ...args);
  const replies = (await tx.exec()) ?? [];
  const actual = String(replies[0]?.[1]);
  if (actual === "none") throw notFound();
  if (actual !== type)
    throw new ApiError("WRONG_TYPE", `The key holds a ${actual}, not a ${type}.`);
  return replies.slice(1).map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/** A Buffer (or null) reply as a number. */
export function num(reply: unknown): number {
  return Number(Buffer.isBuffer(reply) ? reply.toString() : reply);
}

/** Flat [a1, b1, a2, b2, …] replies (HSCAN, ZSCAN, WITHSCORES) as pairs. */
export function pairs(flat: Buffer[]): [Buffer, Buffer][] {
  const out: [Buffer, Buffer][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as Buffer, flat[i + 1] as Buffer]);
  return out;
}

/** A Redis score as JSON: a number (Redis sends enough digits to round-trip), or ±inf. */
export function scoreJson(raw: Buffer): number | "inf" | "-inf" {
  const text = raw.toString();
  if (/^\+?inf$/i.test(text)) return "inf";
  if (/^-inf$/i.test(text)) return "-inf";
  return Number(text);
}
