import { z } from "zod";
import { overviewCluster } from "./cluster";

// GET /api/connections/{conn}/overview and its history: the server's health as typed figures.
// The stable core (docs/api.md) is the first fields of each group; the rest are additions.

const count = z.number();
const seconds = z.number().nullable();

export const commandStat = z.object({
  name: z.string(),
  calls: count,
  usec: count,
  usecPerCall: z.number(),
  failedCalls: count,
});
export type CommandStat = z.infer<typeof commandStat>;

export const persistenceStatus = z.object({
  rdbLastSaveTime: count,
  rdbChangesSinceLastSave: count,
  rdbBgsaveInProgress: z.boolean(),
  rdbLastBgsaveStatus: z.string(),
  aofEnabled: z.boolean(),
  aofRewriteInProgress: z.boolean(),
  aofLastBgrewriteStatus: z.string(),
  /** Additions: durations are null until the first save/rewrite ran. */
  rdbLastBgsaveDurationSec: seconds,
  rdbCurrentBgsaveSec: seconds,
  aofRewriteScheduled: z.boolean(),
  aofLastRewriteDurationSec: seconds,
  aofCurrentRewriteSec: seconds,
  aofLastWriteStatus: z.string().nullable(),
  aofSizeBytes: z.number().nullable(),
  loading: z.boolean(),
  /** On a cluster: the node (host:port) these figures are of. */
  node: z.string().optional(),
});
export type PersistenceStatus = z.infer<typeof persistenceStatus>;

export const rates = z.object({
  /** Over the sampler's last interval (about 2 s); null fields until two samples exist. */
  intervalSeconds: z.number(),
  opsPerSec: z.number().nullable(),
  hitRatio: z.number().nullable(),
  evictedPerSec: z.number().nullable(),
  expiredPerSec: z.number().nullable(),
});

export const overview = z.object({
  server: z.object({
    version: z.string(),
    mode: z.string(),
    role: z.string(),
    uptimeSeconds: count,
    flavor: z.enum(["redis", "valkey"]),
    configFile: z.string().nullable(),
    databases: count,
    os: z.string().nullable(),
    processId: z.number().nullable(),
    tcpPort: z.number().nullable(),
  }),
  memory: z.object({
    usedBytes: count,
    peakBytes: count,
    maxmemoryBytes: count,
    policy: z.string(),
    fragmentationRatio: z.number().nullable(),
    rssBytes: z.number().nullable(),
    datasetBytes: z.number().nullable(),
    overheadBytes: z.number().nullable(),
    /** used / maxmemory, or null when there is no limit. */
    usedOfMaxmemory: z.number().nullable(),
  }),
  stats: z.object({
    opsPerSec: count,
    hits: count,
    misses: count,
    hitRatio: z.number().nullable(),
    evictedKeys: count,
    expiredKeys: count,
    connectedClients: count,
    totalCommands: count,
    totalConnections: count,
    rejectedConnections: count,
    netInputBytes: count,
    netOutputBytes: count,
    rates: rates.nullable(),
  }),
  persistence: persistenceStatus,
  clients: z.object({ connected: count, blocked: count, max: z.number().nullable() }),
  replication: z.object({
    role: z.string(),
    connectedReplicas: count,
    offset: count,
    replicas: z.array(
      z.object({ address: z.string(), state: z.string(), offset: count, lag: count }),
    ),
    master: z
      .object({ host: z.string(), port: count, linkStatus: z.string().nullable() })
      .nullable(),
  }),
  keyspace: z.array(z.object({ db: count, keys: count, expires: count, avgTtlMs: count })),
  commands: z.object({ byCalls: z.array(commandStat), byTime: z.array(commandStat) }),
  /** When Redis answered, Unix seconds. */
  sampledAt: z.number(),
  /**
   * On a cluster: which node this is (null: the totals, keys over the masters and load over
   * every node) and the nodes to pick from. Absent on other connections.
   */
  cluster: overviewCluster.optional(),
});
export type Overview = z.infer<typeof overview>;

// --- history: the sampler's ring buffer ---

export const historySample = z.object({
  /** Unix seconds (with milliseconds as a fraction). */
  t: z.number(),
  opsPerSec: z.number().nullable(),
  usedBytes: z.number().nullable(),
  hitRatio: z.number().nullable(),
  evictedPerSec: z.number().nullable(),
  expiredPerSec: z.number().nullable(),
  clients: z.number().nullable(),
  netInBytesPerSec: z.number().nullable(),
  netOutBytesPerSec: z.number().nullable(),
});
export type HistorySample = z.infer<typeof historySample>;

export const history = z.object({
  intervalMs: z.number(),
  windowSeconds: z.number(),
  samples: z.array(historySample),
});
export type History = z.infer<typeof history>;

export const historyQuery = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,6})?$/, "since must be Unix seconds")
    .transform(Number)
    .optional(),
});

// --- actions ---

export const startedResult = z.object({
  started: z.literal(true),
  /** BGREWRITEAOF only: true when Redis queued it behind a running BGSAVE. */
  scheduled: z.boolean().optional(),
});

export const flushBody = z.strictObject({
  confirm: z.string({ error: "confirm is required: type the name of what to flush" }).max(200),
});
export const flushResult = z.object({
  flushed: z.literal(true),
  async: z.boolean(),
  /** How many masters were flushed (a cluster's every master; 1 otherwise). */
  masters: z.number().int(),
});
