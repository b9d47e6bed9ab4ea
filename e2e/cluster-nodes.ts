import { test } from "@playwright/test";
import { Redis } from "ioredis";
import { keySlot } from "../scripts/lib/key-slot.mjs";
import { type RedisCluster, startCluster } from "../scripts/lib/redis-cluster.mjs";
import { type ProductionServer, startProductionKeyscope } from "./production-server";

// A spec's own cluster (3 masters, 3 replicas) behind a production Keyscope, and plain clients
// of its nodes for arranging data and reading a node's state. A key's slot is computed by the
// server's own code (scripts/lib/key-slot.mjs; lib/redis/slot.ts is server-only).

type Shard = [number, number, [string, number]];

export type ClusterNodes = {
  /** A client of the node on `port` (made once). */
  at(port: number): Redis;
  /** The port of the master that owns `key`'s slot. */
  ownerOf(key: Buffer | string): Promise<number>;
  close(): void;
};

export function clusterNodes(cluster: () => RedisCluster): ClusterNodes {
  const clients = new Map<number, Redis>();
  let shards: Shard[] | undefined;
  const at = (port: number) => {
    let c = clients.get(port);
    if (!c) {
      c = new Redis({ port, host: "127.0.0.1" });
      c.on("error", () => {}); // a spec may stop a node (or the cluster) under its clients
      clients.set(port, c);
    }
    return c;
  };
  return {
    at,
    async ownerOf(key) {
      // The specs never reshape their cluster: its slot ranges are read once.
      shards ??= (await at(cluster().ports[0] as number).call("CLUSTER", "SLOTS")) as Shard[];
      const slot = keySlot(key);
      return shards.find(([a, b]) => slot >= a && slot <= b)?.[2][1] as number;
    },
    close() {
      for (const c of clients.values()) c.disconnect();
      clients.clear();
    },
  };
}

export type ClusterKeyscope = {
  readonly cluster: RedisCluster;
  readonly server: ProductionServer;
  readonly nodes: ClusterNodes;
};

/**
 * Starts the cluster and Keyscope before the spec's tests (serial, two minutes each: a cluster
 * takes seconds to form) and stops both, and the node clients, after them.
 */
export function clusterKeyscope(env: Record<string, string> = {}): ClusterKeyscope {
  let cluster: RedisCluster | undefined;
  let server: ProductionServer | undefined;
  const must = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("the cluster is not started yet");
    return v;
  };
  const nodes = clusterNodes(() => must(cluster));
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);
  test.beforeAll(async () => {
    cluster = await startCluster();
    server = await startProductionKeyscope(cluster.url, env);
  });
  test.afterAll(async () => {
    nodes.close();
    server?.stop();
    await cluster?.stop();
  });
  return {
    get cluster() {
      return must(cluster);
    },
    get server() {
      return must(server);
    },
    nodes,
  };
}
