import { compileGlob, type Glob, globMatch, MATCH_WINDOW } from "@/lib/glob";
import type { MonitorLine } from "./line";

// The profiler's filters, applied on the server before a line is sent (and usable in the
// browser): Redis cannot filter MONITOR itself (redis/redis#5147, #11168, #13561 were never
// merged), so every line crosses to Keyscope and only the ones that pass go on. Client-safe.

export type MonitorFilter = {
  /** A glob over the quoted arguments as MONITOR prints them: `"SET" "user:*`… */
  match?: Uint8Array;
  /** Command names, any case; a line passes when its command is one of them. */
  commands?: readonly string[];
  /** A glob over the command's first key (see firstKey). */
  key?: Uint8Array;
  /** A substring of the client's address as MONITOR prints it (`10.0.0.7:`, `lua`, `unix:`). */
  client?: string;
  db?: number;
};

export type CompiledFilter = (line: MonitorLine) => boolean;

/** One predicate for every filter given (none given: every line passes). */
export function compileFilter(f: MonitorFilter): CompiledFilter {
  const match = f.match?.length ? compileGlob(f.match) : null;
  const key = f.key?.length ? compileGlob(f.key) : null;
  const commands = f.commands?.length ? new Set(f.commands.map((c) => c.toUpperCase())) : null;
  const client = f.client ? f.client.toLowerCase() : null;
  const db = f.db;
  return (line) => {
    if (db !== undefined && line.db !== db) return false;
    if (commands && !commands.has(commandName(line.args))) return false;
    if (client && !line.client.toLowerCase().includes(client)) return false;
    if (key && !keyMatches(key, line.args)) return false;
    if (match && !globMatch(match, line.printed.subarray(0, MATCH_WINDOW))) return false;
    return true;
  };
}

function keyMatches(glob: Glob, args: Uint8Array[]): boolean {
  const k = firstKey(args);
  return k !== null && globMatch(glob, k);
}

/** The command's name in capitals (`set` → `SET`); at most 64 bytes, as no name is longer. */
export function commandName(args: readonly Uint8Array[]): string {
  const name = args[0];
  if (!name) return "";
  let s = "";
  for (let i = 0; i < name.length && i < 64; i++) {
    const b = name[i] as number;
    s += String.fromCharCode(b >= 0x61 && b <= 0x7a ? b - 0x20 : b);
  }
  return s;
}

// Commands whose second argument is not a key. A small table rather than COMMAND INFO: MONITOR
// lines arrive by the hundred thousand a second and this must cost nothing; a command missing
// here is read as "the key comes first", which is right for most of Redis.
const KEYLESS = new Set(
  (
    "PING ECHO INFO SELECT AUTH HELLO CLIENT CONFIG COMMAND MULTI EXEC DISCARD UNWATCH SCAN " +
    "DBSIZE FLUSHDB FLUSHALL SLOWLOG LATENCY MONITOR SUBSCRIBE PSUBSCRIBE UNSUBSCRIBE " +
    "PUNSUBSCRIBE SSUBSCRIBE SUNSUBSCRIBE PUBLISH SPUBLISH PUBSUB SCRIPT FUNCTION TIME LASTSAVE " +
    "SAVE BGSAVE BGREWRITEAOF SHUTDOWN DEBUG ACL CLUSTER READONLY READWRITE RESET QUIT WAIT " +
    "WAITAOF SWAPDB ROLE REPLICAOF SLAVEOF KEYS RANDOMKEY MODULE LOLWUT FAILOVER SYNC PSYNC " +
    "REPLCONF MEMORY"
  ).split(" "),
);
/** Commands whose key is the third argument (a subcommand or an operation comes first). */
const KEY_THIRD = new Set(["OBJECT", "XINFO", "XGROUP", "BITOP"]);
/** `<numkeys> key…` right after the name. */
const NUMKEYS_FIRST = new Set([
  "ZUNION",
  "ZINTER",
  "ZDIFF",
  "SINTERCARD",
  "ZINTERCARD",
  "LMPOP",
  "ZMPOP",
]);
/** `<script> <numkeys> key…`, or a timeout before numkeys. */
const NUMKEYS_SECOND = new Set([
  "EVAL",
  "EVALSHA",
  "EVAL_RO",
  "EVALSHA_RO",
  "FCALL",
  "FCALL_RO",
  "BLMPOP",
  "BZMPOP",
]);

function afterNumkeys(args: readonly Uint8Array[], at: number): Uint8Array | null {
  const n = Number(new TextDecoder().decode(args[at] ?? new Uint8Array()));
  return Number.isInteger(n) && n > 0 ? (args[at + 1] ?? null) : null;
}

/** The first key a command names, or null for a command without one. */
export function firstKey(args: readonly Uint8Array[]): Uint8Array | null {
  const name = commandName(args);
  if (KEYLESS.has(name)) return name === "MEMORY" ? (args[2] ?? null) : null;
  if (KEY_THIRD.has(name)) return args[2] ?? null;
  if (NUMKEYS_FIRST.has(name)) return afterNumkeys(args, 1);
  if (NUMKEYS_SECOND.has(name)) return afterNumkeys(args, 2);
  if (name === "XREAD" || name === "XREADGROUP") {
    const at = args.findIndex((a) => commandName([a]) === "STREAMS");
    return at > 0 ? (args[at + 1] ?? null) : null;
  }
  return args[1] ?? null;
}
