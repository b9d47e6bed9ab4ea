import { z } from "zod";

// GET /api/connections/{conn}/sentinel: what the sentinels say about the master they watch
// (SENTINEL MASTER, REPLICAS, SENTINELS), for the connection page's Sentinel panel.

const node = z.object({
  /** host:port as the sentinels know it (before any natMap). */
  addr: z.string(),
  /** Sentinel's flags: master, slave, s_down, o_down, disconnected, … */
  flags: z.array(z.string()),
  /** Milliseconds since the last answer to the sentinel's PING. */
  lastOkPingMs: z.number().optional(),
});

export const sentinelReport = z.object({
  masterName: z.string(),
  /** The sentinel that answered (the first of the list that did). */
  askedSentinel: z.string(),
  master: node.extend({
    quorum: z.number().optional(),
    /** Bumped by every failover the sentinels agree on. */
    configEpoch: z.number().optional(),
    failoverTimeoutMs: z.number().optional(),
    /** The master's replication offset (INFO replication), when it answers. */
    offset: z.number().optional(),
  }),
  replicas: z.array(
    node.extend({
      linkStatus: z.string().optional(),
      offset: z.number().optional(),
      /** Bytes the replica is behind the master (master offset − replica offset). */
      lagBytes: z.number().optional(),
      priority: z.number().optional(),
    }),
  ),
  /** The other sentinels the answering one knows, and itself first. */
  sentinels: z.array(node),
  /** Master changes this Keyscope process saw (newest first, at most 20). */
  failovers: z.array(z.object({ from: z.string(), to: z.string(), at: z.number() })),
});
export type SentinelReport = z.infer<typeof sentinelReport>;
