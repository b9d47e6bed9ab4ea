import { Redis } from "ioredis";
import type { RedisCluster } from "../scripts/lib/redis-cluster.mjs";

// Plain clients of a spec's own cluster, one per node, for arranging data and reading a node's
// state. lib/redis/slot.ts is server-only, so a key's owner is asked of the cluster itself.

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
