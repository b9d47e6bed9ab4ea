import "server-only";
import type { Redis } from "ioredis";
import { runScript, script } from "./scripts";

// Every edit of a value runs as this one Lua script, so the checks and the write are atomic:
// 1. the key must exist (else KEYSCOPE_NOTFOUND → 404) with the expected type (else WRONGTYPE → 409);
// 2. optionally, a read command's answer must match what the client saw (`expect`), else
//    KEYSCOPE_CONFLICT → 409 and nothing is written;
// 3. then the write commands run, and the last one's reply is returned.
// Commands are passed as length-prefixed argument lists: ARGV = type, check…, nWrites, write…
const GUARDED_WRITE = script(`
local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'none' then return redis.error_reply('KEYSCOPE_NOTFOUND no such key') end
if t ~= ARGV[1] then return redis.error_reply('WRONGTYPE the key holds a ' .. t) end
local i = 2
local function take()
  local n = tonumber(ARGV[i]); i = i + 1
  local args = {}
  for j = 1, n do args[j] = ARGV[i]; i = i + 1 end
  return args
end
local check = take()
if #check > 0 then
  local mode = ARGV[i]; local want = ARGV[i + 1]; i = i + 2
  local got = redis.call(unpack(check))
  local same
  if mode == 'absent' then same = (got == false)
  elseif mode == 'number' then same = (got ~= false and tonumber(got) == tonumber(want))
  else same = (got == want) end
  if not same then return redis.error_reply('KEYSCOPE_CONFLICT the value changed since it was read') end
end
local writes = tonumber(ARGV[i]); i = i + 1
local reply
for w = 1, writes do reply = redis.call(unpack(take())) end
if type(reply) == 'table' and reply['ok'] then return nil end
return reply
`);

export type Arg = string | number | Buffer;

export type Check = { command: Arg[]; mode: "equal" | "absent" | "number"; want?: Arg };

export async function guardedWrite(
  client: Redis,
  key: Buffer,
  type: string,
  check: Check | null,
  writes: Arg[][],
): Promise<unknown> {
  const argv: Arg[] = [type];
  if (check) argv.push(check.command.length, ...check.command, check.mode, check.want ?? "");
  else argv.push(0);
  argv.push(writes.length);
  for (const w of writes) argv.push(w.length, ...w);
  return runScript(client, GUARDED_WRITE, [key], argv);
}

// Creating refuses an existing key (KEYSCOPE_CONFLICT), then writes and sets the TTL in the
// same atomic step.
const CREATE = script(`
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('KEYSCOPE_CONFLICT the key already exists') end
local args = {}
for j = 2, #ARGV do args[j - 1] = ARGV[j] end
redis.call(unpack(args))
if ARGV[1] ~= '' then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return 1
`);

export async function createWith(
  client: Redis,
  key: Buffer,
  ttl: number | undefined,
  write: Arg[],
): Promise<void> {
  await runScript(client, CREATE, [key], [ttl ?? "", ...write]);
}
