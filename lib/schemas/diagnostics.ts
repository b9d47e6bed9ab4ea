import { z } from "zod";
import { intParam, jsonBytes } from "./bytes";
import { nodeAddr } from "./cluster";

// The slowlog, clients and latency endpoints (docs/tools.md, "Slowlog, clients and latency").
// Shared by the server, which encodes its answers through them, and the pages.

/**
 * The most entries one SLOWLOG GET may ask for. slowlog-max-len can be a million; 10,000 entries
 * of up to 32 arguments × 128 bytes is at most ~40 MiB of arguments, so the page asks for less.
 */
export const SLOWLOG_MAX_COUNT = 10_000;
export const SLOWLOG_DEFAULT_COUNT = 128;

/** A cluster node (host:port, as the node picker sends it): the one node a read or reset is about. */
const nodeParam = nodeAddr.optional();

export const slowlogQuery = z.object({
  count: intParam(1, SLOWLOG_MAX_COUNT).optional(),
  node: nodeParam,
});
/** SLOWLOG RESET: every node of a cluster, or the one given. */
export const slowlogResetQuery = z.object({ node: nodeParam });

/** On a cluster: every node that was asked, and the error of one that did not answer. */
export const nodeStatus = z.object({
  node: z.string(),
  role: z.enum(["master", "replica"]),
  error: z.string().optional(),
});
export type NodeStatusJson = z.input<typeof nodeStatus>;

export const slowlogEntry = z.object({
  id: z.number(),
  /** Unix seconds when the command ran. */
  time: z.number(),
  durationUs: z.number(),
  /** Exact bytes; Redis itself cuts each argument at 128 bytes and keeps 32 of them. */
  args: z.array(jsonBytes),
  /** The client's address (ip:port); "" on servers older than 4.0. */
  client: z.string(),
  /** Its CLIENT SETNAME name, or "". */
  clientName: z.string(),
  /** On a cluster: the node (host:port) that logged it. */
  node: z.string().optional(),
});

export const slowlogResult = z.object({
  entries: z.array(slowlogEntry),
  /** SLOWLOG LEN: how many entries the server holds (more than `entries` when count is less). */
  length: z.number(),
  /** slowlog-log-slower-than, or null where CONFIG GET is refused (managed services). */
  slowerThanUs: z.number().nullable(),
  /** slowlog-max-len, or null where CONFIG GET is refused. */
  maxLen: z.number().nullable(),
  /** On a cluster: the nodes asked (entries are merged, newest first; `length` is their sum). */
  nodes: z.array(nodeStatus).optional(),
});
export type SlowlogResult = z.input<typeof slowlogResult>;
export type SlowlogEntry = z.input<typeof slowlogEntry>;

export const resetResult = z.object({ reset: z.literal(true) });

/** At most this many rows of CLIENT LIST are sent; the rest are counted (`total`). */
export const CLIENTS_MAX_ROWS = 5000;

export const clientRow = z.object({
  id: z.number(),
  addr: z.string(),
  /** CLIENT SETNAME's name ("" for none); bytes that are not UTF-8 come escaped as \xNN. */
  name: z.string(),
  ageSeconds: z.number(),
  idleSeconds: z.number(),
  db: z.number(),
  /** The last command (`client|list` for a subcommand on Redis 7). */
  cmd: z.string(),
  flags: z.string(),
  /** The ACL user (Redis 6+), null on older servers. */
  user: z.string().nullable(),
  /** tot-mem (Redis 6.2+): buffers and query memory of this client; null where not reported. */
  memoryBytes: z.number().nullable(),
  /** One of Keyscope's own connections (named keyscope…, or the very one that listed). */
  self: z.boolean(),
  /** On a cluster: the node (host:port) the client is connected to (CLIENT KILL goes there). */
  node: z.string().optional(),
});
export type ClientRow = z.input<typeof clientRow>;

export const clientsResult = z.object({
  clients: z.array(clientRow),
  /** How many clients the server listed; more than `clients` when `truncated`. */
  total: z.number(),
  truncated: z.boolean(),
  /** On a cluster: the nodes asked, and the error of one that did not answer. */
  nodes: z.array(nodeStatus).optional(),
});
export type ClientsResult = z.input<typeof clientsResult>;

export const clientParams = z.object({
  conn: z.string().min(1).max(64),
  id: z.string().regex(/^\d{1,19}$/, "id must be a client id (digits only)"),
});

/** CLIENT KILL: client ids are per node, so a cluster needs the node that holds the client. */
export const killQuery = z.object({ node: nodeParam });

export const killResult = z.object({ killed: z.literal(true) });

/** A latency monitor event name as Redis makes them ("command", "fast-command", "aof-fsync-always"…). */
export const latencyEvent = z
  .string()
  .regex(/^[a-z-]{1,64}$/, "event must be a latency event name: a-z and -, at most 64");

/** Latency is node-local: on a cluster the page reads one node (the first master by default). */
export const latencyQuery = z.object({ node: nodeParam });

export const latencyResult = z.object({
  /** Cluster: the node these figures are from. */
  node: z.string().optional(),
  /** latency-monitor-threshold; 0 means the monitor is off; null where CONFIG GET is refused. */
  thresholdMs: z.number().nullable(),
  latest: z.array(
    z.object({ event: z.string(), time: z.number(), latestMs: z.number(), maxMs: z.number() }),
  ),
  /** LATENCY DOCTOR's report, as Redis words it. */
  doctor: z.string(),
  /**
   * INFO latencystats (Redis 7.0+): per command, the percentiles Redis tracks
   * (latency-tracking-info-percentiles, p50/p99/p99.9 by default) in µs, the slowest first;
   * null where the server has no such section (older versions, latency-tracking off).
   */
  commandPercentiles: z
    .array(
      z.object({ command: z.string(), percentilesUs: z.array(z.tuple([z.string(), z.number()])) }),
    )
    .nullable(),
});
export type LatencyResult = z.input<typeof latencyResult>;

export const latencyHistoryQuery = z.object({ event: latencyEvent, node: nodeParam });

export const latencyHistory = z.object({
  event: z.string(),
  /** [Unix seconds, ms], oldest first; Redis keeps the last 160. */
  points: z.array(z.tuple([z.number(), z.number()])),
});
export type LatencyHistory = z.input<typeof latencyHistory>;
