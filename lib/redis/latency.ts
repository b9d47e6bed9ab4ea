import "server-only";
import type { LatencyHistory, LatencyResult } from "@/lib/schemas/diagnostics";
import { adminCommand, configNumber } from "./admin-command";
import { pickNode } from "./cluster-info";
import { parseInfo } from "./info";

// The latency monitor: LATENCY LATEST, HISTORY and DOCTOR. It records nothing until
// latency-monitor-threshold is above 0 (the default is 0); the page offers to set it.

const PERCENTILES_FIELD = /^latency_percentiles_usec_(.+)$/;

/**
 * INFO latencystats' lines, `latency_percentiles_usec_<command>:p50=1.003,p99=2.007,p99.9=3.007`,
 * slowest (highest last percentile) first; null when the section is empty or unknown.
 */
export function parseLatencyStats(info: string): LatencyResult["commandPercentiles"] {
  const rows = [...parseInfo(info)].flatMap(([name, value]) => {
    const command = PERCENTILES_FIELD.exec(name)?.[1];
    if (!command) return [];
    const percentilesUs = value.split(",").flatMap((pair) => {
      const [p, us] = pair.split("=");
      const n = Number(us);
      return p && us !== undefined && Number.isFinite(n) ? [[p, n] as [string, number]] : [];
    });
    return [{ command, percentilesUs }];
  });
  if (rows.length === 0) return null;
  const worst = (r: (typeof rows)[number]) => r.percentilesUs.at(-1)?.[1] ?? 0;
  return rows.sort((a, b) => worst(b) - worst(a));
}

/** INFO latencystats, or null where INFO refuses the section (before 7.0 it is just empty). */
async function latencyStats(node: { info(section: string): Promise<string> }) {
  try {
    return parseLatencyStats(await node.info("latencystats"));
  } catch (e) {
    if (e instanceof Error && e.name === "ReplyError") return null;
    throw e;
  }
}

// Latency events are recorded per node: on a cluster these read the node picked on the page,
// else the first master, and the answer says which (`node`).

export async function readLatency(connId: string, at?: string): Promise<LatencyResult> {
  const { client: node, addr } = await pickNode(connId, at);
  const [latest, doctor] = await adminCommand("LATENCY", () =>
    Promise.all([
      node.call("LATENCY", "LATEST") as Promise<unknown[][]>,
      node.call("LATENCY", "DOCTOR") as Promise<string>,
    ]),
  );
  return {
    ...(addr && { node: addr }),
    thresholdMs: await configNumber(node, "latency-monitor-threshold"),
    // [event, time, latest ms, max ms]; later versions may add fields after these.
    latest: latest.map(([event, time, latestMs, maxMs]) => ({
      event: String(event),
      time: Number(time),
      latestMs: Number(latestMs),
      maxMs: Number(maxMs),
    })),
    doctor: String(doctor),
    commandPercentiles: await latencyStats(node),
  };
}

/** LATENCY HISTORY of one event (at most the 160 latest samples); none for an unknown event. */
export async function readLatencyHistory(
  connId: string,
  event: string,
  at?: string,
): Promise<LatencyHistory> {
  const { client: node } = await pickNode(connId, at);
  const reply = (await adminCommand("LATENCY HISTORY", () =>
    node.call("LATENCY", "HISTORY", event),
  )) as unknown[][];
  return { event, points: reply.map(([t, ms]) => [Number(t), Number(ms)] as [number, number]) };
}
