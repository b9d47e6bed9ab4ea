import "server-only";
import type { LatencyHistory, LatencyResult } from "@/lib/schemas/diagnostics";
import { adminCommand, configNumber } from "./admin-command";
import { firstServerNode, targetFor } from "./target";

// The latency monitor: LATENCY LATEST, HISTORY and DOCTOR. It records nothing until
// latency-monitor-threshold is above 0 (the default is 0); the page offers to set it.

export async function readLatency(connId: string): Promise<LatencyResult> {
  const node = await firstServerNode(targetFor(connId, 0));
  const [latest, doctor] = await adminCommand("LATENCY", () =>
    Promise.all([
      node.call("LATENCY", "LATEST") as Promise<unknown[][]>,
      node.call("LATENCY", "DOCTOR") as Promise<string>,
    ]),
  );
  return {
    thresholdMs: await configNumber(node, "latency-monitor-threshold"),
    // [event, time, latest ms, max ms]; later versions may add fields after these.
    latest: latest.map(([event, time, latestMs, maxMs]) => ({
      event: String(event),
      time: Number(time),
      latestMs: Number(latestMs),
      maxMs: Number(maxMs),
    })),
    doctor: String(doctor),
  };
}

/** LATENCY HISTORY of one event (at most the 160 latest samples); none for an unknown event. */
export async function readLatencyHistory(connId: string, event: string): Promise<LatencyHistory> {
  const node = await firstServerNode(targetFor(connId, 0));
  const reply = (await adminCommand("LATENCY HISTORY", () =>
    node.call("LATENCY", "HISTORY", event),
  )) as unknown[][];
  return { event, points: reply.map(([t, ms]) => [Number(t), Number(ms)] as [number, number]) };
}
