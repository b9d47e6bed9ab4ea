import "server-only";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

// Lua scripts run by SHA, loaded on first NOSCRIPT, so each call sends only the hash.

export type Script = { lua: string; sha: string };

export function script(lua: string): Script {
  return { lua, sha: createHash("sha1").update(lua).digest("hex") };
}

type Arg = Buffer | string | number;

export async function runScript(
  client: Redis,
  s: Script,
  keys: Arg[],
  args: Arg[],
): Promise<unknown> {
  try {
    return await client.callBuffer("EVALSHA", s.sha, keys.length, ...keys, ...args);
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith("NOSCRIPT")) throw e;
    return client.callBuffer("EVAL", s.lua, keys.length, ...keys, ...args);
  }
}
