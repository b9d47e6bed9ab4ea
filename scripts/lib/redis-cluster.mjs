// Starts a throwaway Redis Cluster (masters + replicas, `redis-server --cluster-enabled yes`
// on loopback ports with their own bus ports, joined by `redis-cli --cluster create`) or a
// Sentinel set-up (a master, a replica and a sentinel), and stops them by PID. Tests, e2e, the
// bench and `npm run demo -- --cluster` use these; nothing here touches a Redis it did not start.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort, startRedis } from "./redis-server.mjs";

/** @typedef {import("./redis-server.mjs").RedisProcess} RedisProcess */

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {string[]} args
 * @returns {Promise<string>}
 */
function redisCli(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-cli", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`redis-cli ${args.join(" ")}: ${out}`)),
    );
  });
}

/**
 * Waits until every node says cluster_state:ok and knows every other node.
 * @param {number[]} ports
 */
async function waitForCluster(ports, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const clients = ports.map((port) => new Redis({ port, host: "127.0.0.1", lazyConnect: false }));
  try {
    for (;;) {
      const states = await Promise.all(
        clients.map(async (c) => {
          const [info, nodes] = await Promise.all([
            c.call("CLUSTER", "INFO"),
            c.call("CLUSTER", "NODES"),
          ]);
          const lines = String(nodes).trim().split("\n");
          return (
            String(info).includes("cluster_state:ok") &&
            lines.length === ports.length &&
            !String(nodes).includes("handshake")
          );
        }),
      );
      if (states.every(Boolean)) return;
      if (Date.now() > deadline)
        throw new Error(`the cluster on ${ports.join(",")} never became ok`);
      await sleep(100);
    }
  } finally {
    for (const c of clients) c.disconnect();
  }
}

/**
 * @typedef {{ nodes: RedisProcess[], ports: number[], seeds: string[], url: string,
 *   tlsPorts?: number[],
 *   masters: () => Promise<{ port: number, id: string, tlsPort?: number }[]>,
 *   stop: () => Promise<void> }} RedisCluster
 */

/**
 * The redis-server arguments of a TLS node: TLS on `tlsPort` for clients, replication and the
 * cluster bus, with the certificates of `dir` (server.crt, server.key, ca.crt as in
 * test/fixtures/tls). Client certificates are not asked for. The plain `--port` stays open: the
 * readiness ping, `redis-cli --cluster create` and the harness's own clients use it.
 * @param {string} dir
 * @param {number} tlsPort
 */
function tlsArgs(dir, tlsPort) {
  return [
    "--tls-port",
    String(tlsPort),
    "--tls-cluster",
    "yes",
    "--tls-replication",
    "yes",
    "--tls-cert-file",
    join(dir, "server.crt"),
    "--tls-key-file",
    join(dir, "server.key"),
    "--tls-ca-cert-file",
    join(dir, "ca.crt"),
    "--tls-auth-clients",
    "no",
  ];
}

/**
 * A cluster of `masters` masters with `replicas` replicas each (default 3 × 1: six nodes).
 * `nodeTimeoutMs` is how long a node may be silent before it is failed over (short in tests).
 * `tls.dir`: every node also listens for TLS (see `tlsArgs`); `url` then names the TLS ports
 * (`rediss+cluster://`), `tlsPorts[i]` is the TLS port of `ports[i]`, and each of `masters()`
 * carries its `tlsPort`. A node answers CLUSTER NODES / SLOTS with the ports of the kind of
 * connection asking (Redis 7): plain clients see `ports`, TLS clients `tlsPorts`.
 * @param {{ masters?: number, replicas?: number, nodeTimeoutMs?: number, args?: string[],
 *   tls?: { dir: string } }} [opts]
 * @returns {Promise<RedisCluster>}
 */
export async function startCluster(opts = {}) {
  const masters = opts.masters ?? 3;
  const replicas = opts.replicas ?? 1;
  const count = masters * (1 + replicas);
  /** @type {RedisProcess[]} */
  const nodes = [];
  /** @type {number[]} */
  const tlsPorts = [];
  try {
    for (let i = 0; i < count; i++) {
      const busPort = await freePort();
      const tls = [];
      if (opts.tls) {
        const tlsPort = await freePort();
        tlsPorts.push(tlsPort);
        tls.push(...tlsArgs(opts.tls.dir, tlsPort));
      }
      nodes.push(
        await startRedis({
          args: [
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            "nodes.conf",
            "--cluster-port",
            String(busPort),
            "--cluster-node-timeout",
            String(opts.nodeTimeoutMs ?? 2000),
            // A test kills a master: its replica must take over even if it lagged a moment.
            "--cluster-replica-validity-factor",
            "0",
            // Replicas sync at once (Redis waits 5 s by default before a diskless sync), so a
            // test that kills a master right after start-up has a replica that holds its keys.
            "--repl-diskless-sync-delay",
            "0",
            ...tls,
            ...(opts.args ?? []),
          ],
        }),
      );
    }
    const ports = nodes.map((n) => n.port);
    await redisCli([
      "--cluster",
      "create",
      ...ports.map((p) => `127.0.0.1:${p}`),
      "--cluster-replicas",
      String(replicas),
      "--cluster-yes",
    ]);
    await waitForCluster(ports);
    const seeds = ports.slice(0, 3).map((p) => `127.0.0.1:${p}`);
    const tlsSeeds = tlsPorts.slice(0, 3).map((p) => `127.0.0.1:${p}`);
    return {
      nodes,
      ports,
      seeds,
      url: opts.tls
        ? `rediss+cluster://${tlsSeeds.join(",")}`
        : `redis+cluster://${seeds.join(",")}`,
      ...(opts.tls && { tlsPorts }),
      async masters() {
        const c = new Redis({ port: ports[0], host: "127.0.0.1" });
        try {
          const text = String(await c.call("CLUSTER", "NODES"));
          return text
            .trim()
            .split("\n")
            .map((l) => l.split(" "))
            .filter((p) => p[2]?.includes("master") && !p[2].includes("fail") && p.length > 8)
            .map((p) => {
              const port = Number(p[1]?.split("@")[0]?.split(":")[1]);
              const id = /** @type {string} */ (p[0]);
              return opts.tls ? { id, port, tlsPort: tlsPorts[ports.indexOf(port)] } : { id, port };
            });
        } finally {
          c.disconnect();
        }
      },
      async stop() {
        await Promise.all(nodes.map((n) => n.stop()));
      },
    };
  } catch (e) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw e;
  }
}

/**
 * @typedef {{ master: RedisProcess, replica: RedisProcess, sentinel: RedisProcess, masterName: string,
 *   sentinelUrl: string, currentMasterPort: () => Promise<number>, stop: () => Promise<void> }} SentinelSetup
 */

/**
 * A master, one replica and one sentinel (quorum 1) that fails the master over after
 * `downAfterMs` of silence.
 * @param {{ masterName?: string, downAfterMs?: number }} [opts]
 * @returns {Promise<SentinelSetup>}
 */
export async function startSentinel(opts = {}) {
  const masterName = opts.masterName ?? "mymaster";
  /** @type {RedisProcess[]} */
  const started = [];
  try {
    const master = await startRedis({ args: ["--repl-diskless-sync-delay", "0"] });
    started.push(master);
    const replica = await startRedis({ args: ["--replicaof", "127.0.0.1", String(master.port)] });
    started.push(replica);
    const r = new Redis({ port: replica.port, host: "127.0.0.1" });
    const deadline = Date.now() + 10_000;
    while (!String(await r.info("replication")).includes("master_link_status:up")) {
      if (Date.now() > deadline) throw new Error("the replica never synced");
      await sleep(50);
    }
    r.disconnect();
    const downAfter = opts.downAfterMs ?? 1000;
    const sentinel = await startRedis({
      sentinelConfig: [
        `sentinel monitor ${masterName} 127.0.0.1 ${master.port} 1`,
        `sentinel down-after-milliseconds ${masterName} ${downAfter}`,
        `sentinel failover-timeout ${masterName} 10000`,
        `sentinel parallel-syncs ${masterName} 1`,
        "",
      ].join("\n"),
    });
    started.push(sentinel);
    const s = new Redis({ port: sentinel.port, host: "127.0.0.1" });
    const currentMasterPort = async () => {
      const [, port] = /** @type {string[]} */ (
        await s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName)
      );
      return Number(port);
    };
    // The sentinel must have found the replica before it can fail anything over.
    const replicasKnown = async () => {
      const replicas = /** @type {unknown[]} */ (await s.call("SENTINEL", "REPLICAS", masterName));
      return replicas.length > 0;
    };
    while (!(await replicasKnown())) {
      if (Date.now() > deadline + 10_000) throw new Error("the sentinel never found the replica");
      await sleep(100);
    }
    return {
      master,
      replica,
      sentinel,
      masterName,
      sentinelUrl: sentinel.url,
      currentMasterPort,
      async stop() {
        s.disconnect();
        await Promise.all(started.map((n) => n.stop()));
      },
    };
  } catch (e) {
    await Promise.all(started.map((n) => n.stop()));
    throw e;
  }
}
