import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { type JsonBytes, jsonToBytes } from "@/lib/bytes";
import { closeAllStreams, openStreamCount } from "@/lib/redis/stream-slots";
import { withCluster } from "../cluster-harness";
import { call, send } from "../harness";
import * as r from "../routes";
import { readStream, type SseEvent } from "../sse";

// The profiler on a real six-node cluster: without `node` it watches every master and merges
// their lines, each naming its node; with `node` (a replica here) only that node's; an unknown
// node is a 400 naming the nodes; and leaving closes every node's MONITOR connection.

const c = withCluster();
const params = { conn: "default" };
const addr = (port: number) => `127.0.0.1:${port}`;
const bytes = (a: JsonBytes) => Buffer.from(jsonToBytes(a));
const isLine = (e: SseEvent) => e.event !== "end" && Array.isArray(e.data.args);
const hasArg = (arg: Buffer) => (e: SseEvent) =>
  isLine(e) && (e.data.args as JsonBytes[]).some((a) => bytes(a).equals(arg));

async function open(query: Record<string, string> = {}) {
  const res = await send(r.monitor.GET, { params, query });
  expect(res.status).toBe(200);
  return readStream(res);
}

const extra: Redis[] = [];
function clientAt(port: number): Redis {
  const client = new Redis({ port, host: "127.0.0.1", protocol: 2 });
  client.on("error", () => {});
  extra.push(client);
  return client;
}

afterEach(() => {
  closeAllStreams();
  for (const x of extra.splice(0)) x.disconnect();
});

/** Binary keys, one owned by each master (found by their slots), with that master's port. */
async function keyPerMaster(): Promise<{ key: Buffer; port: number }[]> {
  const found = new Map<number, Buffer>();
  for (let i = 0; found.size < 3 && i < 256; i++) {
    const key = Buffer.from([0xff, 0xfe, i, 0x00]);
    const port = (await c.nodeFor(key)).options.port as number;
    if (!found.has(port)) found.set(port, key);
  }
  return [...found].map(([port, key]) => ({ key, port }));
}

async function monitorClients(port: number): Promise<number> {
  const list = String(await clientAt(port).client("LIST"));
  return list.split("\n").filter((l) => /\bname=keyscope-monitor\b/.test(l)).length;
}

describe("the profiler on a cluster", () => {
  it("watches every master: keys on each arrive with their exact bytes and their node", async () => {
    const stream = await open({ command: "set" });
    const keys = await keyPerMaster();
    expect(keys).toHaveLength(3);
    const value = Buffer.from([0x00, 0xc3, 0x28]);
    for (const { key } of keys) await (await c.nodeFor(key)).set(key, value);
    for (const { key, port } of keys) {
      const line = await stream.next(hasArg(key));
      expect((line.data.args as JsonBytes[]).map(bytes)).toEqual([Buffer.from("set"), key, value]);
      expect(line.data.node).toBe(addr(port));
    }
    // One stream slot for the three MONITOR connections, one on each master.
    expect(openStreamCount("default")).toBe(1);
    for (const { port } of keys) expect(await monitorClients(port)).toBe(1);
    await stream.cancel();
  });

  it("watches one replica alone: its own commands, not the masters'", async () => {
    const masterPorts = (await c.cluster.masters()).map((m) => m.port);
    const replica = c.cluster.ports.find((p) => !masterPorts.includes(p)) as number;
    const stream = await open({ node: addr(replica), command: "echo" });
    const onMaster = Buffer.from([0xfe, 0xff, 0x01]);
    const onReplica = Buffer.from([0xfe, 0xff, 0x02]);
    const last = Buffer.from([0xfe, 0xff, 0x03]);
    for (const port of masterPorts) await clientAt(port).echo(onMaster);
    const replicaClient = clientAt(replica);
    await replicaClient.echo(onReplica);
    await replicaClient.echo(last);
    const seen = await stream.next(hasArg(onReplica));
    expect(seen.data.node).toBe(addr(replica));
    await stream.next(hasArg(last));
    expect(stream.events.filter(hasArg(onMaster))).toEqual([]);
    expect(stream.events.filter(isLine).every((e) => e.data.node === addr(replica))).toBe(true);
    for (const port of masterPorts) expect(await monitorClients(port)).toBe(0);
    expect(await monitorClients(replica)).toBe(1);
    await stream.cancel();
  });

  it("refuses an unknown or malformed node with a 400 naming the nodes, opening nothing", async () => {
    const unknown = await call(r.monitor.GET, { params, query: { node: "127.0.0.1:1" } });
    expect(unknown.status).toBe(400);
    for (const port of c.cluster.ports) expect(unknown.json.error.message).toContain(addr(port));
    const malformed = await call(r.monitor.GET, { params, query: { node: "nowhere" } });
    expect(malformed.status).toBe(400);
    expect(openStreamCount("default")).toBe(0);
    for (const port of c.cluster.ports) expect(await monitorClients(port)).toBe(0);
  });

  it("leaves no keyscope-monitor client on any node once the browser leaves", async () => {
    const all = await open();
    await all.next((e) => e.data.stats !== undefined);
    const masterPorts = (await c.cluster.masters()).map((m) => m.port);
    const replica = c.cluster.ports.find((p) => !masterPorts.includes(p)) as number;
    const one = await open({ node: addr(replica) });
    await one.next((e) => e.data.stats !== undefined);
    expect(openStreamCount("default")).toBe(2);
    await Promise.all([all.cancel(), one.cancel()]);
    const deadline = Date.now() + 5000;
    let left = -1;
    while (left !== 0 && Date.now() < deadline) {
      left = 0;
      for (const port of c.cluster.ports) left += await monitorClients(port);
      if (left) await new Promise((res) => setTimeout(res, 100));
    }
    expect(left).toBe(0);
    expect(openStreamCount("default")).toBe(0);
  });

  it("ends with per-node counts in the summary", async () => {
    const stream = await open({ seconds: "1", command: "set" });
    const keys = await keyPerMaster();
    for (const { key } of keys) await (await c.nodeFor(key)).set(key, "v");
    const end = await stream.end(5000);
    expect(end.data.reason).toBe("timeout");
    const nodes = end.data.summary.nodes as { node: string; matched: number }[];
    expect(nodes.map((n) => n.node).sort()).toEqual(keys.map((k) => addr(k.port)).sort());
    for (const n of nodes) expect(n.matched).toBeGreaterThanOrEqual(1);
  });
});
