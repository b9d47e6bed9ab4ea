import { describe, expect, it } from "vitest";
import { clusterView } from "@/lib/schemas/cluster";
import { overview as overviewSchema } from "@/lib/schemas/overview";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";

// The Cluster page's endpoint and the overview on a real 3-master, 3-replica cluster: figures
// per node, totals that are the sums, the node picker, and a paused replica that is an error
// row while the page still answers. A short command timeout keeps the pause test quick.

const c = withCluster({ env: { KEYSCOPE_COMMAND_TIMEOUT_MS: "1000" } });
const params = { conn: "default" };

function must<T>(v: T | undefined): T {
  if (v === undefined) throw new Error("expected a node");
  return v;
}

async function masterDbsizes(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const client of await c.masters())
    out.set(`127.0.0.1:${client.options.port}`, await client.dbsize());
  return out;
}

/** Right after `cluster create` the seed's CLUSTER NODES may still call a replica a master
 * until gossip settles (a second or two): wait for three replicas. */
async function settled(): Promise<ReturnType<typeof clusterView.parse>> {
  for (let i = 0; ; i++) {
    const view = clusterView.parse((await call(r.cluster.GET, { params })).json);
    if (view.nodes.filter((n) => n.role === "replica").length === 3 || i >= 60) return view;
    await new Promise((res) => setTimeout(res, 250));
  }
}

describe("GET /cluster", () => {
  it("lists 3 masters with their replicas, slots covering 16384, keys per master = DBSIZE", async () => {
    await settled();
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    await c.seed([...Array.from({ length: 300 }, (_, i) => `page:${i}`), binary]);
    const { status, json } = await call(r.cluster.GET, { params });
    expect(status).toBe(200);
    const view = clusterView.parse(json);
    expect(view.state).toBe("ok");
    expect(view.slotsAssigned).toBe(16384);
    expect(view.size).toBe(3);
    expect(view.knownNodes).toBe(6);
    expect(view.info.cluster_state).toBe("ok");
    const masters = view.nodes.filter((n) => n.role === "master");
    const replicas = view.nodes.filter((n) => n.role === "replica");
    expect(masters).toHaveLength(3);
    expect(replicas).toHaveLength(3);
    // Grouped: each master is followed by its replica.
    view.nodes.forEach((n, i) => {
      if (n.role === "replica") expect(view.nodes[i - 1]?.id).toBe(n.masterId);
    });
    const covered = new Uint8Array(16384);
    for (const m of masters)
      for (const [a, b] of m.slots) for (let s = a; s <= b; s++) covered[s] = (covered[s] ?? 0) + 1;
    expect(covered.every((x) => x === 1)).toBe(true);
    const sizes = await masterDbsizes();
    for (const m of masters) {
      expect(m.keys).toBe(sizes.get(m.addr));
      expect(m.addr).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(m.error).toBeNull();
      expect(m.usedMemoryBytes).toBeGreaterThan(0);
      expect(m.replicationOffset).toBeGreaterThanOrEqual(0);
    }
    expect(masters.reduce((s, m) => s + (m.keys ?? 0), 0)).toBe(301);
    for (const rep of replicas) {
      expect(rep.lagBytes).toBeGreaterThanOrEqual(0);
      expect(rep.lagSeconds).not.toBeNull();
      expect(rep.slots).toEqual([]);
    }
  });
});

describe("the overview on a cluster", () => {
  it("sums keys over the masters and load over every node", async () => {
    await c.seed(Array.from({ length: 200 }, (_, i) => `ov:${i}`));
    const { status, json } = await call(r.overview.GET, { params });
    expect(status).toBe(200);
    const o = overviewSchema.parse(json);
    expect(o.server.mode).toBe("cluster");
    expect(o.keyspace).toEqual([expect.objectContaining({ db: 0, keys: 200 })]);
    expect(o.cluster).toMatchObject({ node: null, mastersSummed: 3, nodesSummed: 6 });
    expect(o.cluster?.nodes).toHaveLength(6);
    // Memory moves a little between two reads: the total is the nodes' sum within 5 %.
    const nodes = clusterView.parse((await call(r.cluster.GET, { params })).json).nodes;
    const memory = nodes.reduce((s, n) => s + (n.usedMemoryBytes ?? 0), 0);
    expect(Math.abs(o.memory.usedBytes - memory) / memory).toBeLessThan(0.05);
    expect(o.clients.connected).toBeGreaterThanOrEqual(6);
    expect(o.persistence.node).toBe(nodes[0]?.addr);
  });

  it("shows one node when picked, and names the nodes for one that is not", async () => {
    const nodes = clusterView.parse((await call(r.cluster.GET, { params })).json).nodes;
    const replica = must(nodes.find((n) => n.role === "replica"));
    const one = await call(r.overview.GET, { params, query: { node: replica.addr } });
    expect(one.status).toBe(200);
    const o = overviewSchema.parse(one.json);
    expect(o.server.role).toBe("replica");
    expect(o.cluster?.node).toBe(replica.addr);
    const bad = await call(r.overview.GET, { params, query: { node: "127.0.0.1:1" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain(nodes[0]?.addr);
    const garbage = await call(r.overview.GET, { params, query: { node: "not a node" } });
    expect(garbage.status).toBe(400);
  });

  it("reads persistence and settings of the picked node, else the first master", async () => {
    const nodes = clusterView.parse((await call(r.cluster.GET, { params })).json).nodes;
    const replica = must(nodes.find((n) => n.role === "replica"));
    const p = await call(r.persistence.GET, { params, query: { node: replica.addr } });
    expect(p.status).toBe(200);
    expect(p.json.node).toBe(replica.addr);
    const s = await call(r.config.GET, { params });
    expect(s.status).toBe(200);
    expect(s.json.node).toBe(nodes[0]?.addr);
    expect(s.json.available).toBe(true);
  });

  it("counts the keys of every master in the connection state and databases", async () => {
    await c.seed(Array.from({ length: 50 }, (_, i) => `st:${i}`));
    const state = await call(r.connectionState.GET, { params });
    expect(state.json).toMatchObject({ reachable: true, keys: 50 });
    const dbs = await call(r.databases.GET, { params });
    expect(dbs.json.databases).toEqual([expect.objectContaining({ db: 0, keys: 50 })]);
  });
});

describe("a paused replica", () => {
  it("is an error row within the timeout while the page and overview still answer", async () => {
    const masters = new Set((await c.cluster.masters()).map((m) => m.port));
    const node = must(c.cluster.nodes.find((n) => !masters.has(n.port)));
    node.pause();
    try {
      const started = Date.now();
      const { status, json } = await call(r.cluster.GET, { params });
      const took = Date.now() - started;
      expect(status).toBe(200);
      const view = clusterView.parse(json);
      const row = must(view.nodes.find((n) => n.addr === `127.0.0.1:${node.port}`));
      expect(row.error).toMatch(/timed out|no answer/i);
      expect(row.keys).toBeNull();
      expect(view.nodes.filter((n) => n.error === null)).toHaveLength(5);
      // command timeout 1 s (+ connect 3 s for a node that was never reached): well under 5 s.
      expect(took).toBeLessThan(5000);
      const o = await call(r.overview.GET, { params });
      expect(o.status).toBe(200);
      expect(o.json.cluster.nodesSummed).toBe(5);
    } finally {
      node.resume();
    }
  }, 20_000);
});
