import "server-only";
import type { Redis } from "ioredis";
import { processState } from "@/lib/process-state";
import { runScript, script } from "./scripts";

// The first read of an export batch: each key's TYPE, PTTL and, for a string, its first `peek`
// bytes. One script call for the whole batch: as a pipeline it was three ioredis commands a
// key, a WRONGTYPE error object for every GETRANGE of a non-string, and (profiled, 200k keys)
// most of the job's CPU went to making and collecting them. Types and TTLs come back joined
// into two strings, as scan.ts's script does. Where EVAL is refused (ACLs, managed services)
// the pipeline does the same work.

export type KeyMeta = { types: string[]; pttls: number[]; peeks: (Buffer | null)[] };

// Redis's TYPE answers a status reply, which Lua sees as {ok = "string"}.
const META = script(`
local peek = tonumber(ARGV[1])
local types, ttls, peeks = {}, {}, {}
for i = 2, #ARGV do
  local t = redis.call('TYPE', ARGV[i])['ok']
  types[i - 1] = t
  ttls[i - 1] = redis.call('PTTL', ARGV[i])
  if t == 'string' then peeks[i - 1] = redis.call('GETRANGE', ARGV[i], 0, peek - 1)
  else peeks[i - 1] = false end
end
return {table.concat(types, ','), table.concat(ttls, ','), peeks}
`);

const noScripting = processState("export.noScripting", () => new WeakSet<Redis>());

function refusesScripts(e: unknown): boolean {
  const message = e instanceof Error ? e.message : "";
  return /NOPERM|unknown command|not allowed|scripting|DISABLED|non local key/i.test(message);
}

export async function keyMeta(node: Redis, keys: Buffer[], peek: number): Promise<KeyMeta> {
  if (!noScripting.has(node)) {
    try {
      const [types, ttls, peeks] = (await runScript(node, META, [], [peek, ...keys])) as [
        Buffer,
        Buffer,
        (Buffer | null)[],
      ];
      return {
        types: types.toString().split(","),
        pttls: ttls.toString().split(",").map(Number),
        peeks: keys.map((_, i) => peeks[i] ?? null),
      };
    } catch (e) {
      if (!refusesScripts(e)) throw e;
      noScripting.add(node);
    }
  }
  const p = node.pipeline();
  for (const key of keys) {
    p.type(key);
    p.pttl(key);
    p.callBuffer("GETRANGE", key, 0, peek - 1); // WRONGTYPE for the others: ignored
  }
  const replies = ((await p.exec()) ?? []) as [Error | null, unknown][];
  const meta: KeyMeta = { types: [], pttls: [], peeks: [] };
  for (let i = 0; i < keys.length; i++) {
    const [tErr, type] = replies[i * 3] ?? [new Error("missing reply"), null];
    const [pErr, pttl] = replies[i * 3 + 1] ?? [new Error("missing reply"), null];
    if (tErr) throw tErr;
    if (pErr) throw pErr;
    const [, value] = replies[i * 3 + 2] ?? [null, null];
    meta.types.push(String(type));
    meta.pttls.push(Number(pttl));
    meta.peeks.push(Buffer.isBuffer(value) ? value : null);
  }
  return meta;
}
