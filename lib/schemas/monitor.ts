import { z } from "zod";
import { base64ToBytes, toBuffer, utf8Bytes } from "@/lib/bytes";
import { intParam, jsonBytes, keyQueryShape } from "./bytes";
import { nodeAddr } from "./cluster";
import { checkedMatch, matchProblem } from "./match";

// GET /api/connections/{conn}/monitor (docs/tools.md, "Profiler"): the run's length, its
// filters, and the shapes of what it streams.

export const MONITOR_SECONDS = { default: 60, max: 300 } as const;

const names = z.union([z.string().max(64), z.array(z.string().max(64)).max(64)]);

export const monitorQuery = z
  .strictObject({
    seconds: intParam(1, MONITOR_SECONDS.max).optional(),
    /** A glob over the command line as MONITOR prints it: `"SET" "user:*`. */
    match: z.string().max(4096).optional(),
    /** Command names (repeat the parameter for several), any case. */
    command: names.optional(),
    key: keyQueryShape.key,
    key64: keyQueryShape.key64,
    /** A substring of the client's address as MONITOR prints it. */
    client: z.string().max(256).optional(),
    db: intParam(0, 1_000_000).optional(),
    /**
     * One node to watch (host:port, master or replica); without it a cluster's masters are all
     * watched. On one server it must be that server's address.
     */
    node: nodeAddr.optional(),
  })
  .transform((q, ctx) => {
    if (q.key !== undefined && q.key64 !== undefined)
      ctx.addIssue({ code: "custom", message: "give key or key64, not both", path: ["key"] });
    const key =
      q.key64 !== undefined
        ? toBuffer(base64ToBytes(q.key64))
        : q.key
          ? toBuffer(utf8Bytes(q.key))
          : undefined;
    const keyProblem = key ? matchProblem(key) : null;
    if (keyProblem) ctx.addIssue({ code: "custom", message: keyProblem, path: ["key"] });
    const commands =
      q.command === undefined ? [] : Array.isArray(q.command) ? q.command : [q.command];
    return {
      seconds: q.seconds ?? MONITOR_SECONDS.default,
      match: checkedMatch(q.match ? toBuffer(utf8Bytes(q.match)) : undefined, ctx),
      commands: commands.map((c) => c.trim()).filter(Boolean),
      key,
      client: q.client || undefined,
      db: q.db,
      node: q.node,
    };
  });

/** One command as MONITOR saw it. */
export const monitorLine = z.object({
  /** Milliseconds since the epoch (microseconds as the fraction), the server's clock. */
  time: z.number(),
  db: z.number().int(),
  /** The client's address as MONITOR prints it (`ip:port`, `unix:/path`, `lua`). */
  client: z.string(),
  args: z.array(jsonBytes),
  /** The cluster node (host:port) whose MONITOR printed it; absent on one server. */
  node: z.string().optional(),
  /** The line was longer than 1 MiB and was cut: its last argument is incomplete. */
  truncated: z.literal(true).optional(),
});

/**
 * First (MONITOR is running from then on), then once a second whatever the backlog: the run's
 * counts so far, so the page can show what the server dropped while the run lasts (the end
 * event's summary has the final figures).
 */
export const monitorStats = z.object({
  stats: z.object({ seen: z.number().int(), matched: z.number().int(), dropped: z.number().int() }),
});

export const monitorEvent = z.union([monitorLine, monitorStats]);

const counted = <S extends z.ZodType>(name: string, s: S) =>
  z.array(z.object({ [name]: s, count: z.number().int() }));

/** The end event's `summary`. */
export const monitorSummary = z.object({
  seen: z.number().int(),
  matched: z.number().int(),
  delivered: z.number().int(),
  dropped: z.number().int(),
  seconds: z.number(),
  commandsPerSecond: z.number(),
  topCommands: counted("command", z.string()),
  topPrefixes: counted("prefix", jsonBytes),
  topClients: counted("client", z.string()),
  other: z.object({ commands: z.number(), prefixes: z.number(), clients: z.number() }),
  /** The most MONITOR output Redis held unsent for Keyscope (CLIENT LIST omem), sampled each second. */
  backlogPeakBytes: z.number().int().optional(),
  /** On a cluster: each watched node's lines seen and matched by the filters. */
  nodes: z
    .array(z.object({ node: z.string(), seen: z.number().int(), matched: z.number().int() }))
    .optional(),
});
