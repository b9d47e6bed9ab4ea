import "server-only";
import type { Redis } from "ioredis";
import { addrOf } from "@/lib/connection-modes";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { connectionConfig, dedicatedClient, sharedClient } from "./client";
import { groupBySlot } from "./slot";
import { clusterTarget } from "./target-cluster";

// What a connection points at: a standalone server, the masters of a Cluster (target-cluster.ts)
// or the master a set of Sentinels names. Every lib/redis module asks the target, never for "the"
// client:
//  - a command on one key goes to `forKey(key)`: the client of the master that owns its slot
//    (on a cluster: that master's node client, never the Cluster object, which would group
//    pipelines by the slot of the key as text — see slot.ts);
//  - keyspace work (SCAN, DBSIZE, FLUSHDB, bulk jobs) fans out over `masters()`, each with an id
//    that stays the same while the node lives (a cluster's CLUSTER MYID), so per-master cursors
//    can be keyed by it; a standalone server is the one master "0", which keeps plain cursors;
//  - server-wide commands (INFO, CONFIG, BGSAVE) go to `serverNodes()`;
//  - long jobs open `dedicated(name)` connections, one per master, that the job quits;
//  - multi-key batches are split with `byNode` (one pipeline per node) and `groupBySlot`
//    (one multi-key command per slot).

export type TargetKind = "standalone" | "cluster" | "sentinel";

/**
 * One node: `id` is stable for the node's life (a cluster's node id; "0" for the one server of a
 * standalone or Sentinel connection), `client` talks to it alone, `addr` is its host:port (a
 * Sentinel's master moves, so it has none), `role` whether it holds the keyspace's writes.
 */
export type TargetNode = {
  readonly id: string;
  readonly client: Redis;
  readonly addr?: string;
  readonly role?: "master" | "replica";
};

export interface RedisTarget {
  readonly kind: TargetKind;
  readonly connId: string;
  /** The logical database every client of this target has selected (a cluster has only 0). */
  readonly db: number;
  /** The client of the master that owns `key`'s slot. */
  forKey(key: Buffer): Promise<Redis>;
  /**
   * The master that owns `key`'s slot, as a node (its id names it to `dedicated`'s `only`):
   * a sharded channel's bytes hash to a slot as a key's do.
   */
  masterFor(key: Buffer): Promise<TargetNode>;
  /** The masters that hold the keyspace, in a stable order: fan keyspace work out over these. */
  masters(): Promise<TargetNode[]>;
  /**
   * The nodes that answer server-wide commands (INFO, CONFIG, SLOWLOG, CLIENT LIST): the one
   * server, or on a cluster every reachable node, masters first then replicas.
   */
  serverNodes(): Promise<TargetNode[]>;
  /** The node at `addr` (host:port, as `serverNodes` give it); 400 naming the nodes otherwise. */
  nodeAt(addr: string): Promise<TargetNode>;
  /** How many logical databases the server has (1 on a cluster). */
  databaseCount(): Promise<number>;
  /**
   * Fresh clients of their own, one per master, for long work such as bulk jobs: their commands
   * never queue behind the UI's reads on the shared clients. The caller quits them. They do not
   * reconnect: if Redis goes away mid-job, the job fails and says so. `ownTimeout`: no command
   * timeout (the job times its commands itself). `only`: the ids of the masters wanted (a
   * subscription needs the masters of its sharded channels, not every master). `node`
   * (host:port, as `nodeAt` takes it): one connection to that node alone, a replica included
   * (the profiler watching one node); the one server of a standalone or Sentinel connection
   * ignores both (`nodeAt` checks `node` first).
   */
  dedicated(
    connectionName: string,
    opts?: { ownTimeout?: boolean; node?: string; only?: readonly string[] },
  ): Promise<TargetNode[]>;
}

/** The target for one database of one connection; 404 for a connection that does not exist. */
export function targetFor(connId: string, db: number): RedisTarget {
  const conn = connectionConfig(connId);
  const mode = conn.topology?.mode ?? "standalone";
  if (mode === "cluster") {
    if (db !== 0)
      throw new ApiError("NOT_FOUND", `A cluster has only database 0 (connection "${connId}").`);
    return clusterTarget(conn.id);
  }
  // A Sentinel connection is one server whose address the sentinels give: the same target,
  // with clients that ask the sentinels (lib/redis/client.ts).
  return standaloneTarget(conn.id, db, mode === "sentinel" ? "sentinel" : "standalone");
}

/** The first server node: for figures that a cluster will gather from every node instead. */
export async function firstServerNode(target: RedisTarget): Promise<Redis> {
  const [node] = await target.serverNodes();
  if (!node) throw new Error(`connection "${target.connId}" has no nodes`);
  return node.client;
}

const STANDALONE_ID = "0";

function urlAddr(url: string): string | undefined {
  return addrOf(url) ?? undefined;
}

// CONFIG GET databases, once per connection: it cannot change without a restart.
const databaseCounts = processState("databaseCounts", () => new Map<string, number>());

/** Forgets what is known of a connection's server (it was edited or deleted). */
export function forgetServer(connId: string): void {
  databaseCounts.delete(connId);
}

function standaloneTarget(connId: string, db: number, kind: TargetKind): RedisTarget {
  const addr = kind === "standalone" ? urlAddr(connectionConfig(connId).url) : undefined;
  const node = async (): Promise<TargetNode[]> => [
    { id: STANDALONE_ID, client: await sharedClient(connId, db), addr, role: "master" },
  ];
  return {
    kind,
    connId,
    db,
    forKey: () => sharedClient(connId, db),
    masterFor: async () => (await node())[0] as TargetNode,
    masters: node,
    serverNodes: node,
    async nodeAt(wanted) {
      const [only] = await node();
      if (only && (wanted === addr || kind === "sentinel")) return only;
      throw new ApiError(
        "BAD_REQUEST",
        `node: this connection has one node, ${addr ?? "its master"}.`,
      );
    },
    async databaseCount() {
      const known = databaseCounts.get(connId);
      if (known !== undefined) return known;
      const client = await sharedClient(connId, 0);
      let count = 16;
      try {
        const reply = (await client.config("GET", "databases")) as string[];
        const n = Number(reply[1]);
        if (Number.isInteger(n) && n > 0) count = n;
      } catch {
        // Managed services often rename or refuse CONFIG; 16 is Redis's default.
      }
      databaseCounts.set(connId, count);
      return count;
    },
    async dedicated(connectionName, opts) {
      const client = await dedicatedClient(connId, db, connectionName, opts?.ownTimeout);
      return [{ id: STANDALONE_ID, client, addr, role: "master" }];
    },
  };
}

/** Items that go to one node, with their positions in the input. */
export type NodeBatch<T> = { client: Redis; items: T[]; indexes: number[] };

/**
 * Groups a batch of per-key work by the node that owns each key, so that each node gets one
 * pipeline of its own keys (a pipeline through a cluster must not mix nodes). Keys are grouped
 * by slot first: one `forKey` per slot, not per key.
 */
export async function byNode<T>(
  target: RedisTarget,
  items: readonly T[],
  keyOf: (item: T) => Buffer,
): Promise<NodeBatch<T>[]> {
  const batches = new Map<Redis, NodeBatch<T>>();
  for (const { indexes } of groupBySlot(items.map(keyOf))) {
    const first = items[indexes[0] as number] as T;
    const client = await target.forKey(keyOf(first));
    let batch = batches.get(client);
    if (!batch) {
      batch = { client, items: [], indexes: [] };
      batches.set(client, batch);
    }
    for (const i of indexes) {
      batch.items.push(items[i] as T);
      batch.indexes.push(i);
    }
  }
  return [...batches.values()];
}
