import "server-only";
import { ApiError } from "@/lib/errors";
import type { Catalog, CommandSpec } from "./command-catalog";

// What the console lets a command do, decided from the server's own COMMAND table:
//  - reads: the commands the server flags `readonly` (and not `write`), plus the introspection
//    commands that change nothing but carry no flag for it (INFO, CONFIG GET, CLIENT LIST…,
//    listed below). Everything else — `write`, `may_replicate`, admin commands, EVAL (Redis 7
//    gives it no write flag: a script may write), PUBLISH, SCRIPT FLUSH, unknown commands — is
//    a write: refused in read-only mode and audited.
//  - dangerous (428 until `confirm` names it): writes the server puts in @dangerous, plus the
//    list below (KEYS blocks the server on a big keyspace; SCRIPT/FUNCTION FLUSH are not
//    @dangerous but cannot be undone).
//  - refused (400): commands that would change or hold the console's own connection, and
//    blocking commands that could outwait the command timeout.

/** Commands that read though the server gives them no `readonly` flag ("name" or "name|sub"). */
const UNFLAGGED_READS = new Set(
  [
    "info ping echo time lastsave role lolwut command",
    "config|get config|help client|list client|info client|getname client|id client|getredir",
    "client|trackinginfo client|help slowlog|get slowlog|len slowlog|help",
    "latency|latest latency|history latency|doctor latency|graph latency|histogram latency|help",
    "memory|stats memory|doctor memory|malloc-stats memory|help script|exists script|help",
    "function|list function|dump function|stats function|help",
    "acl|whoami acl|cat acl|list acl|users acl|getuser acl|dryrun acl|log acl|help",
    "pubsub cluster|info cluster|nodes cluster|slots cluster|shards cluster|myid",
    "cluster|keyslot cluster|countkeysinslot cluster|getkeysinslot cluster|links cluster|help",
    "module|list module|help",
  ]
    .join(" ")
    .split(" "),
);

const ALWAYS_DANGEROUS = new Set(
  [
    "flushall flushdb shutdown debug config|set config|resetstat config|rewrite keys",
    "script|flush function|flush client|kill client|pause swapdb replicaof slaveof failover",
    "cluster|reset acl|setuser acl|deluser",
  ]
    .join(" ")
    .split(" "),
);

/** Connection-state and holding commands, and the tool to use instead. */
const STATE_COMMANDS: Record<string, string> = {
  subscribe: "Subscribing holds the connection: use the Pub/Sub page.",
  psubscribe: "Subscribing holds the connection: use the Pub/Sub page.",
  ssubscribe: "Subscribing holds the connection: use the Pub/Sub page.",
  unsubscribe: "The console never subscribes: use the Pub/Sub page.",
  punsubscribe: "The console never subscribes: use the Pub/Sub page.",
  sunsubscribe: "The console never subscribes: use the Pub/Sub page.",
  monitor: "MONITOR holds the connection: use the Profiler.",
  multi:
    "Transactions need state across requests, which the console does not keep: send the commands one by one, or use EVAL.",
  exec: "Transactions are not kept by the console (MULTI is refused).",
  discard: "Transactions are not kept by the console (MULTI is refused).",
  watch: "WATCH needs a transaction, which the console does not keep.",
  unwatch: "WATCH needs a transaction, which the console does not keep.",
  select: "The console runs in the page's database: pick another one with the database picker.",
  auth: "The connection's credentials come from Keyscope's configuration, not from the console.",
  hello: "The console speaks RESP2 on a connection Keyscope configures; HELLO would change it.",
  reset: "RESET would change the console connection's state.",
  quit: "QUIT would close the console's connection.",
  sync: "Replication streams are not for the console.",
  psync: "Replication streams are not for the console.",
  replconf: "Replication commands are not for the console.",
  "client|reply": "The console needs every reply; CLIENT REPLY would silence them.",
  "client|setname":
    "The console's connection keeps its name (keyscope-console), so the Clients page can tell it is Keyscope's.",
  "client|tracking":
    "Tracking sends invalidations to the connection, which the console cannot show.",
  "client|caching":
    "Tracking sends invalidations to the connection, which the console cannot show.",
  "script|debug": "The script debugger holds the connection; it is not supported in the console.",
};

export type Plan = {
  /** "GET", "CONFIG SET": what `confirm` and the audit log name. */
  name: string;
  write: boolean;
  dangerous: boolean;
  /** Why the console will not run it (400), decided before anything runs. */
  refusal?: ApiError;
};

const lower = (b: Buffer | undefined) => (b ? b.toString("latin1").toLowerCase() : "");

/** The spec of the command (a container's subcommand when it has one) and its COMMAND name. */
function lookup(args: Buffer[], catalog: Catalog): { key: string; spec?: CommandSpec } {
  const name = lower(args[0]);
  const spec = catalog.get(name);
  if (spec && spec.subcommands.size > 0 && args[1]) {
    const sub = lower(args[1]);
    return { key: `${name}|${sub}`, spec: spec.subcommands.get(sub) };
  }
  return { key: name, spec };
}

const seconds = (b: Buffer | undefined) => (b ? Number(b.toString("latin1")) * 1000 : Number.NaN);
const millis = (b: Buffer | undefined) => (b ? Number(b.toString("latin1")) : Number.NaN);

/** The longest a blocking command may wait, in ms (0 = forever); null when it does not block. */
function blockingTimeoutMs(key: string, args: Buffer[]): number | null {
  switch (key) {
    case "blpop":
    case "brpop":
    case "brpoplpush":
    case "blmove":
    case "bzpopmin":
    case "bzpopmax":
      return seconds(args[args.length - 1]);
    case "blmpop":
    case "bzmpop":
      return seconds(args[1]);
    case "wait":
      return millis(args[2]);
    case "waitaof":
      return millis(args[3]);
    case "xread":
    case "xreadgroup": {
      const at = args.findIndex((a, i) => i > 0 && lower(a) === "block");
      if (at < 0) return null;
      // A STREAMS list may hold a key named "block": BLOCK only counts before STREAMS.
      const streams = args.findIndex((a, i) => i > 0 && lower(a) === "streams");
      return streams >= 0 && streams < at ? null : millis(args[at + 1]);
    }
    default:
      return null;
  }
}

export function planCommand(args: Buffer[], catalog: Catalog, commandTimeoutMs: number): Plan {
  const { key, spec } = lookup(args, catalog);
  const name = key.replace("|", " ").toUpperCase();
  const flags = spec?.flags ?? new Set<string>();
  const isRead =
    spec !== undefined &&
    ((flags.has("readonly") && !flags.has("write") && !flags.has("may_replicate")) ||
      UNFLAGGED_READS.has(key) ||
      UNFLAGGED_READS.has(key.split("|")[0] as string)) &&
    // ACL LOG RESET clears the log.
    !(key === "acl|log" && lower(args[2]) === "reset");
  const write = !isRead;
  const dangerous =
    ALWAYS_DANGEROUS.has(key) || (write && spec?.categories.has("@dangerous") === true);
  const plan: Plan = { name, write, dangerous };
  const state = STATE_COMMANDS[key] ?? STATE_COMMANDS[lower(args[0])];
  if (state)
    return { ...plan, write: false, refusal: new ApiError("BAD_REQUEST", `${name}: ${state}`) };
  const wait = blockingTimeoutMs(key, args);
  if (wait !== null && !(wait > 0 && wait < commandTimeoutMs)) {
    const refusal = new ApiError(
      "BAD_REQUEST",
      `${name} would block ${wait === 0 ? "forever" : `for ${wait} ms`}; the console waits at most ${commandTimeoutMs} ms (the command timeout). Give a shorter timeout, or watch the key with the Events page.`,
    );
    return { ...plan, refusal };
  }
  if (wait === null && flags.has("blocking") && !key.startsWith("x"))
    return {
      ...plan,
      refusal: new ApiError("BAD_REQUEST", `${name} blocks for a time the console cannot bound.`),
    };
  return plan;
}
