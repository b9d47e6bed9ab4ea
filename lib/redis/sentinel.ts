import "server-only";
import type { Redis } from "ioredis";
import { type ConnectionConfig, config } from "@/lib/config";
import { joinAddr, type Topology } from "@/lib/connection-modes";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { connectionConfig, sentinelNodeClient, sharedClient } from "@/lib/redis/client";
import type { SentinelReport } from "@/lib/schemas/sentinel";
import { configMap, numberOrNull, parseInfo } from "./info";

// What a connection's sentinels say about the master they watch: one sentinel at a time, in the
// order given, the first that answers wins (the others are asked only when it fails). The data
// clients themselves follow a failover on their own (client.ts: failoverDetector); this is for
// the Sentinel panel and the connection test.

type SentinelTopology = Extract<Topology, { mode: "sentinel" }>;
const MAX_FAILOVERS = 20;
// ≥ any real set (a quorum of 3-7 sentinels, a few replicas); bounds what one answer holds.
const MAX_NODES = 200;

/** The sentinel topology of a connection, or 404 for any other connection. */
function sentinelTopology(conn: ConnectionConfig): SentinelTopology {
  const t = conn.topology;
  if (t?.mode !== "sentinel")
    throw new ApiError("NOT_FOUND", `Connection "${conn.id}" is not a Sentinel connection.`);
  return t;
}

/** Runs `fn` on the first sentinel that answers; the last error when none does. */
export async function askSentinels<T>(
  conn: ConnectionConfig,
  fn: (client: Redis, addr: string) => Promise<T>,
): Promise<T> {
  const t = sentinelTopology(conn);
  const { connectTimeoutMs } = config();
  let last: unknown;
  for (const addr of t.sentinels.slice(0, 100)) {
    const client = sentinelNodeClient(conn, addr);
    client.on("error", () => {});
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const e = new Error(`no answer within ${connectTimeoutMs} ms`);
          e.name = "TrialTimeout";
          reject(e);
        }, connectTimeoutMs);
      });
      return await Promise.race([client.connect().then(() => fn(client, addr)), timeout]);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      last = e;
    } finally {
      clearTimeout(timer);
      client.disconnect();
    }
  }
  throw last;
}

/** SENTINEL's flat [k, v, k, v, …] answer as an object (the same shape as CONFIG GET's). */
const fields = (reply: unknown): Record<string, string> =>
  Array.isArray(reply) ? Object.fromEntries(configMap(reply)) : {};

const num = (v: string | undefined) =>
  v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
const addrOfFields = (f: Record<string, string>) => joinAddr(f.ip ?? "", Number(f.port));
const flagsOf = (f: Record<string, string>) => (f.flags ?? "").split(",").filter(Boolean);

/** The master's address as the sentinels name it; a clear 'no such master' when they know none. */
export async function currentMaster(client: Redis, masterName: string): Promise<string> {
  const reply = (await client.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName)) as
    | [string, string]
    | null;
  if (!reply) throw noSuchMaster(masterName);
  const [host, port] = reply;
  return joinAddr(host, Number(port));
}

function noSuchMaster(masterName: string): ApiError {
  return new ApiError(
    "BAD_REQUEST",
    `The sentinels watch no master named "${masterName}" (SENTINEL GET-MASTER-ADDR-BY-NAME answered nothing): check the master name.`,
  );
}

const seen = processState(
  "sentinelMasters",
  () => new Map<string, { master: string; failovers: SentinelReport["failovers"] }>(),
);

/** Notes the master a look found; a change from the last look is a failover seen. */
function noteMaster(connId: string, master: string): SentinelReport["failovers"] {
  const entry = seen.get(connId) ?? { master, failovers: [] };
  if (entry.master !== master) {
    entry.failovers.unshift({ from: entry.master, to: master, at: Math.floor(Date.now() / 1000) });
    entry.failovers.length = Math.min(entry.failovers.length, MAX_FAILOVERS);
    entry.master = master;
  }
  seen.set(connId, entry);
  return entry.failovers;
}

/** The master's INFO replication offset through the connection's own client, if it answers. */
async function masterOffset(connId: string): Promise<number | undefined> {
  try {
    const info = await (await sharedClient(connId, 0)).info("replication");
    return numberOrNull(parseInfo(info), "master_repl_offset") ?? undefined;
  } catch {
    return undefined;
  }
}

export async function sentinelReport(connId: string): Promise<SentinelReport> {
  const conn = connectionConfig(connId);
  const { masterName } = sentinelTopology(conn);
  const report = await askSentinels(conn, async (client, addr) => {
    const [master, replicas, others] = await Promise.all([
      client.call("SENTINEL", "MASTER", masterName).catch((e: Error) => {
        if (/No such master/i.test(e.message)) throw noSuchMaster(masterName);
        throw e;
      }),
      client.call("SENTINEL", "REPLICAS", masterName),
      client.call("SENTINEL", "SENTINELS", masterName),
    ]);
    return { addr, master: fields(master), replicas, others };
  }).catch((e: unknown) => {
    if (e instanceof ApiError) throw e;
    throw new ApiError(
      "REDIS_UNAVAILABLE",
      `No sentinel of connection "${connId}" answers (${(e as Error).message}).`,
    );
  });
  const m = report.master;
  const offset = await masterOffset(connId);
  const masterAddr = addrOfFields(m);
  const replicas = (Array.isArray(report.replicas) ? report.replicas : [])
    .slice(0, MAX_NODES)
    .map(fields)
    .map((f) => {
      const replOffset = num(f["slave-repl-offset"]);
      return {
        addr: addrOfFields(f),
        flags: flagsOf(f),
        lastOkPingMs: num(f["last-ok-ping-reply"]),
        linkStatus: f["master-link-status"],
        offset: replOffset,
        ...(offset !== undefined &&
          replOffset !== undefined && { lagBytes: Math.max(0, offset - replOffset) }),
        priority: num(f["slave-priority"] ?? f["replica-priority"]),
      };
    });
  const sentinels = [
    { addr: report.addr, flags: ["sentinel", "asked"] },
    ...(Array.isArray(report.others) ? report.others : [])
      .slice(0, MAX_NODES)
      .map(fields)
      .map((f) => ({
        addr: addrOfFields(f),
        flags: flagsOf(f),
        lastOkPingMs: num(f["last-ok-ping-reply"]),
      })),
  ];
  return {
    masterName,
    askedSentinel: report.addr,
    master: {
      addr: masterAddr,
      flags: flagsOf(m),
      lastOkPingMs: num(m["last-ok-ping-reply"]),
      quorum: num(m.quorum),
      configEpoch: num(m["config-epoch"]),
      failoverTimeoutMs: num(m["failover-timeout"]),
      offset,
    },
    replicas,
    sentinels,
    failovers: noteMaster(connId, masterAddr),
  };
}
