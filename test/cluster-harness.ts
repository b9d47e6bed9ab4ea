import { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeAllClients } from "@/lib/redis/client";
import { keySlot } from "@/lib/redis/slot";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import {
  type RedisCluster,
  type SentinelSetup,
  startCluster,
  startSentinel,
} from "@/scripts/lib/redis-cluster.mjs";
import { tempPath } from "@/scripts/lib/redis-server.mjs";

// Test files that run against a real 3-master, 3-replica cluster (or a master + replica +
// sentinel set-up) of their own: REDIS_URL points the default connection at it.

export type TestCluster = {
  readonly cluster: RedisCluster;
  /** ioredis's Cluster client for arranging data with text keys. */
  readonly raw: Cluster;
  /** A plain client of the master that owns `key` (binary keys: ioredis hashes keys as text). */
  nodeFor(key: Buffer | string): Promise<Redis>;
  /** A plain client of each master. */
  masters(): Promise<Redis[]>;
  /** A plain client of the node on `port` (made once, closed after the file). */
  node(port: number): Redis;
  /** SETs each key to `value`, one pipeline per master (fast for 100k keys). */
  seed(keys: readonly (Buffer | string)[], value?: Buffer | string): Promise<void>;
};

/**
 * `tls.dir`: every node also listens for TLS with that directory's certificates (startCluster's
 * `tls`). The default connection stays on the plain ports: a test makes its TLS connections
 * itself, with the CA, as a user would. The harness's own clients (raw, seed, masters) are plain.
 */
export function withCluster(
  /** `args`: extra redis-server arguments for every node (an ACL user, say). */
  opts: {
    env?: Record<string, string>;
    flush?: boolean;
    args?: string[];
    tls?: { dir: string };
  } = {},
): TestCluster {
  let cluster: RedisCluster | undefined;
  let raw: Cluster | undefined;
  const plain = new Map<number, Redis>();
  const clientOf = (port: number) => {
    let c = plain.get(port);
    if (!c) {
      c = new Redis({ port, host: "127.0.0.1", protocol: 2 });
      c.on("error", () => {});
      plain.set(port, c);
    }
    return c;
  };
  const masters = async () => {
    if (!cluster) throw new Error("cluster not started yet");
    return (await cluster.masters()).map((m) => clientOf(m.port));
  };
  beforeAll(async () => {
    cluster = await startCluster({ args: opts.args, ...(opts.tls && { tls: opts.tls }) });
    process.env.REDIS_URL = opts.tls ? `redis+cluster://${cluster.seeds.join(",")}` : cluster.url;
    process.env.KEYSCOPE_DATA_DIR = tempPath("keyscope-data-");
    for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
    resetConfigForTests();
    raw = new Cluster(
      cluster.seeds.map((s) => ({ host: "127.0.0.1", port: Number(s.split(":")[1]) })),
    );
    raw.on("error", () => {});
  }, 60_000);
  if (opts.flush !== false) {
    beforeEach(async () => {
      await Promise.all((await masters()).map((m) => m.flushall()));
    });
  }
  afterAll(async () => {
    closeAllStreams();
    await closeAllClients();
    raw?.disconnect();
    for (const c of plain.values()) c.disconnect();
    await cluster?.stop();
    for (const k of Object.keys(opts.env ?? {})) delete process.env[k];
  });
  return {
    get cluster() {
      if (!cluster) throw new Error("cluster not started yet");
      return cluster;
    },
    get raw() {
      if (!raw) throw new Error("cluster not started yet");
      return raw;
    },
    masters,
    node: clientOf,
    async seed(keys, value = "v") {
      const c = clientOf(cluster?.ports[0] ?? 0);
      const slots = (await c.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
      const owner = new Int32Array(16384);
      for (const [a, b, [, port]] of slots) owner.fill(port, a, b + 1);
      const pipes = new Map<number, ReturnType<Redis["pipeline"]>>();
      for (const k of keys) {
        const port = owner[keySlot(k)] as number;
        let p = pipes.get(port);
        if (!p) {
          p = clientOf(port).pipeline();
          pipes.set(port, p);
        }
        p.set(k, value);
      }
      await Promise.all([...pipes.values()].map((p) => p.exec()));
    },
    async nodeFor(key) {
      const slot = keySlot(key);
      const c = clientOf(cluster?.ports[0] ?? 0);
      const slots = (await c.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
      const range = slots.find(([a, b]) => slot >= a && slot <= b);
      if (!range) throw new Error(`no master owns slot ${slot}`);
      return clientOf(range[2][1]);
    },
  };
}

export type TestSentinel = { readonly setup: SentinelSetup };

/** A connection "sentinel" (KEYSCOPE_CONNECTIONS) to a master + replica + sentinel of its own. */
export function withSentinel(opts: { env?: Record<string, string> } = {}): TestSentinel {
  let setup: SentinelSetup | undefined;
  beforeAll(async () => {
    setup = await startSentinel();
    const dir = tempPath("keyscope-data-");
    const file = `${dir}-connections.json`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: "sentinel",
          name: "sentinel",
          mode: "sentinel",
          sentinels: [setup.sentinelUrl],
          masterName: setup.masterName,
        },
      ]),
    );
    process.env.REDIS_URL = setup.master.url;
    process.env.KEYSCOPE_CONNECTIONS = file;
    process.env.KEYSCOPE_DATA_DIR = dir;
    for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
    resetConfigForTests();
  }, 60_000);
  afterAll(async () => {
    closeAllStreams();
    await closeAllClients();
    await setup?.stop();
    delete process.env.KEYSCOPE_CONNECTIONS;
    for (const k of Object.keys(opts.env ?? {})) delete process.env[k];
  });
  return {
    get setup() {
      if (!setup) throw new Error("sentinel not started yet");
      return setup;
    },
  };
}
