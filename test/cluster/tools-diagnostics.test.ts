import { describe, expect, it } from "vitest";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";

// Slowlog and clients on a real six-node cluster: every node (masters and replicas) is read and
// each row names its node; a reset or a kill goes to one node; a node that is down is an error
// for that node, not a failed page.

const c = withCluster();
const conn = { conn: "default" };
const addr = (port: number) => `127.0.0.1:${port}`;

describe("slowlog on a cluster", () => {
  it("reads every node's slowlog, each entry with its node", async () => {
    for (const port of c.cluster.ports) {
      const client = (await c.masters())[0]?.duplicate({ port });
      if (!client) throw new Error("no client");
      await client.config("SET", "slowlog-log-slower-than", "0");
      await client.call("SLOWLOG", "RESET");
      await client.ping();
      await client.config("SET", "slowlog-log-slower-than", "10000");
      client.disconnect();
    }
    const { status, json } = await call(r.slowlog.GET, { params: conn, query: { count: "1000" } });
    expect(status).toBe(200);
    expect(json.nodes).toHaveLength(6);
    const nodes = new Set(json.entries.map((e: { node: string }) => e.node));
    for (const port of c.cluster.ports) expect(nodes).toContain(addr(port));
    const times = json.entries.map((e: { time: number }) => e.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const one = await call(r.slowlog.GET, {
      params: conn,
      query: { node: addr(c.cluster.ports[1] as number) },
    });
    expect(one.status).toBe(200);
    expect(new Set(one.json.entries.map((e: { node: string }) => e.node))).toEqual(
      new Set([addr(c.cluster.ports[1] as number)]),
    );
  });

  it("resets one node, or every node", async () => {
    const port = c.cluster.ports[2] as number;
    const reset = await call(r.slowlog.DELETE, { params: conn, query: { node: addr(port) } });
    expect(reset.status).toBe(200);
    const all = await call(r.slowlog.DELETE, { params: conn });
    expect(all.status).toBe(200);
    const bad = await call(r.slowlog.DELETE, { params: conn, query: { node: "127.0.0.1:1" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain(addr(port));
  });
});

describe("clients on a cluster", () => {
  it("lists every node's clients with their node, and kills one on its node", async () => {
    const masterPorts = (await c.cluster.masters()).map((m) => m.port);
    const replicaPort = c.cluster.ports.find((p) => !masterPorts.includes(p)) as number;
    const victim = (await c.masters())[0]?.duplicate({
      port: replicaPort,
      connectionName: "victim",
    });
    if (!victim) throw new Error("no client");
    victim.on("error", () => {});
    await victim.ping();
    const { status, json } = await call(r.clients.GET, { params: conn });
    expect(status).toBe(200);
    expect(json.nodes).toHaveLength(6);
    const nodes = new Set(json.clients.map((row: { node: string }) => row.node));
    expect(nodes.size).toBe(6);
    const row = json.clients.find((x: { name: string }) => x.name === "victim");
    expect(row.node).toBe(addr(replicaPort));
    const noNode = await call(r.clientKill.DELETE, { params: { ...conn, id: String(row.id) } });
    expect(noNode.status).toBe(400);
    expect(noNode.json.error.message).toContain(addr(replicaPort));
    const killed = await call(r.clientKill.DELETE, {
      params: { ...conn, id: String(row.id) },
      query: { node: row.node },
    });
    expect(killed.status).toBe(200);
    victim.disconnect();
  });

  it("shows a node that is down as an error for that node", async () => {
    const masterPorts = (await c.cluster.masters()).map((m) => m.port);
    const i = c.cluster.ports.findIndex((p) => !masterPorts.includes(p));
    const node = c.cluster.nodes[i];
    if (!node) throw new Error("no replica");
    await node.stop(); // the last test of the file: the cluster keeps serving without a replica
    {
      const { status, json } = await call(r.clients.GET, { params: conn });
      expect(status).toBe(200);
      const down = json.nodes.find(
        (n: { node: string }) => n.node === addr(c.cluster.ports[i] as number),
      );
      expect(down.error).toBeTruthy();
      expect(json.nodes.filter((n: { error?: string }) => !n.error)).toHaveLength(5);
    }
  }, 30_000);
});

describe("latency on a cluster", () => {
  /** ~60 ms of server time on one node (DEBUG SLEEP is refused by these servers). */
  const busy = (node: { eval: (...a: never[]) => unknown }) =>
    (node.eval as (script: string, keys: number) => Promise<unknown>)(
      "local t = redis.call('TIME'); local s = t[1] * 1e6 + t[2]; repeat t = redis.call('TIME') until t[1] * 1e6 + t[2] - s > 60000",
      0,
    );

  it("reads the picked node's monitor (a master by default), each answer naming it", async () => {
    const masters = await c.masters();
    for (const m of masters) {
      await m.config("SET", "latency-monitor-threshold", "1");
      await m.latency("RESET");
    }
    const second = masters[1] as (typeof masters)[number];
    await busy(second);
    const picked = addr(second.options.port as number);
    const one = await call(r.latency.GET, { params: conn, query: { node: picked } });
    expect(one.status).toBe(200);
    expect(one.json.node).toBe(picked);
    expect(one.json.latest.map((e: { event: string }) => e.event)).toContain("command");
    const history = await call(r.latencyHistory.GET, {
      params: conn,
      query: { event: "command", node: picked },
    });
    expect(history.json.points.length).toBeGreaterThan(0);
    // Another master had no slow command: its monitor is empty.
    const other = addr(masters.find((m) => m !== second)?.options.port as number);
    const quiet = await call(r.latency.GET, { params: conn, query: { node: other } });
    expect(quiet.json.node).toBe(other);
    expect(quiet.json.latest).toEqual([]);
    // Without a node: the first master in Keyscope's order, named in the answer.
    const first = await call(r.latency.GET, { params: conn });
    const masterAddrs = masters.map((m) => addr(m.options.port as number));
    expect(masterAddrs).toContain(first.json.node);
    const unknown = await call(r.latency.GET, { params: conn, query: { node: "127.0.0.1:1" } });
    expect(unknown.status).toBe(400);
    for (const m of masters) await m.config("SET", "latency-monitor-threshold", "0");
  });
});
