import { test } from "@playwright/test";
import { Redis } from "ioredis";
import { type RedisCluster, startCluster } from "../scripts/lib/redis-cluster.mjs";
import { type ProductionServer, startProductionKeyscope } from "./production-server";

// A spec's own cluster (3 masters, 3 replicas) behind a production Keyscope, and plain clients
// of its nodes for arranging data and reading a node's state. lib/redis/slot.ts is server-only,
// so a key's owner is asked of the cluster itself.

export type ClusterNodes = {
  /** A client of the node on `port` (made once). */
  at(port: number): Redis;
  /** The port of the master that owns `key`'s slot. */
  ownerOf(key: Buffer | string): Promise<number>;
  close(): void;
};

export function clusterNodes(cluster: () => RedisCluster): ClusterNodes {
  const clients = new Map<number, Redis>();
  const at = (port: number) => {
    let c = clients.get(port);
    if (!c) {
      c = new Redis({ port, host: "127.0.0.1" });
      clients.set(port, c);
    }
    return c;
  };
  return {
    at,
    async ownerOf(key) {
      const any = at(cluster().ports[0] as number);
      const slot = Number(await any.call("CLUSTER", "KEYSLOT", key));
      const shards = (await any.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
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
