// `npm run demo`: starts a throwaway redis-server, fills it with realistic data (see
// scripts/lib/seed-demo.mjs and docs/demo.md) and serves Keyscope against it on HOST:PORT
// (default 127.0.0.1:3000). On Ctrl-C, SIGTERM or when the dashboard exits, the dashboard and
// the redis-server are stopped and the server's temp dir is deleted: nothing outlives the demo.
// `npm run demo -- --cluster`: the same over a throwaway 3-master, 3-replica Redis Cluster
// (db 0's data, each key on the master owning its slot), every node stopped by PID on exit.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { connectClusterRouter } from "./lib/demo/cluster-router.mjs";
import { startCluster } from "./lib/redis-cluster.mjs";
import { hasRedisServer, INSTALL_HINT, startRedis } from "./lib/redis-server.mjs";
import { seedDemo } from "./lib/seed-demo.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const small = /^(1|true|yes|on)$/i.test(process.env.KEYSCOPE_DEMO_SMALL ?? "");
const args = process.argv.slice(2);
const clusterMode = args.includes("--cluster");
const unknown = args.filter((a) => a !== "--cluster");
if (unknown.length > 0) {
  console.error(`demo: unknown argument ${unknown.join(" ")} (only --cluster)`);
  process.exit(2);
}

/**
 * The throwaway Redis: one server, or every node of the cluster.
 * @type {{ url: string, nodes: import("./lib/redis-server.mjs").RedisProcess[], stop: () => Promise<void> } | undefined}
 */
let server;
/** A cluster being started: a stop meanwhile waits for it, so no node outlives the demo. */
/** @type {Promise<import("./lib/redis-cluster.mjs").RedisCluster> | undefined} */
let starting;
/** @type {import("node:child_process").ChildProcess | undefined} */
let dashboard;
let stopping = false;

if (!hasRedisServer()) {
  console.error(`demo: ${INSTALL_HINT}`);
  process.exit(1);
}

// Installed before anything starts, so an early Ctrl-C (during seeding, say) still cleans up.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) forceExit();
    else void shutdown(0, signal);
  });
}
// Last resort when exiting some other way (an error, a second Ctrl-C): leave no dashboard or
// redis-server behind.
process.on("exit", () => {
  killDashboardGroup();
  for (const node of server?.nodes ?? []) {
    killQuietly(node.pid, "SIGKILL");
    rmSync(node.dir, { recursive: true, force: true });
  }
});

try {
  if (clusterMode) {
    console.log("demo: starting a 3-master, 3-replica cluster…");
    starting = startCluster();
    const cluster = await starting;
    server = { url: cluster.url, nodes: cluster.nodes, stop: cluster.stop };
    if (!stopping) await seedCluster(cluster.ports[0] ?? 0);
  } else {
    const one = await startRedis();
    server = { url: one.url, nodes: [one], stop: one.stop };
    await seed(one.url);
  }
  if (!stopping) startDashboard(server.url);
} catch (err) {
  // After a signal, a seed cut short by the server stopping is expected, not worth a message.
  if (!stopping) console.error(`demo: ${err instanceof Error ? err.message : err}`);
  await shutdown(1);
}

/** @param {string} url */
async function seed(url) {
  console.log(`demo: seeding ${url}${small ? " (KEYSCOPE_DEMO_SMALL: no big keys)" : ""}…`);
  const client = new Redis(url, { protocol: 2, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    await seedDemo(client, { big: !small, log: (line) => console.log(`demo: ${line}`) });
  } finally {
    client.disconnect();
  }
}

/**
 * Seeds through a router that sends each key to the master owning its slot.
 * @param {number} port any node of the cluster
 */
async function seedCluster(port) {
  console.log(`demo: seeding the cluster${small ? " (KEYSCOPE_DEMO_SMALL: no big keys)" : ""}…`);
  const router = await connectClusterRouter({ host: "127.0.0.1", port });
  try {
    await seedDemo(router, { big: !small, log: (line) => console.log(`demo: ${line}`) });
  } finally {
    router.disconnect();
  }
}

/** @param {string} url */
function startDashboard(url) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, REDIS_URL: url, HOST: host, PORT: port };
  // A connections file could add or replace the "default" connection: the demo shows only
  // the throwaway server it seeded.
  delete env.KEYSCOPE_CONNECTIONS;
  // Its own process group, so a forced stop can kill start.mjs and the Next server it spawned
  // in one go; a graceful stop signals start.mjs, which forwards to Next.
  dashboard = spawn(process.execPath, [join(root, "scripts", "start.mjs")], {
    cwd: root,
    env,
    stdio: "inherit",
    detached: true,
  });
  dashboard.on("exit", (code, signal) => {
    if (!stopping) {
      console.log(`demo: the dashboard exited (${signal ?? `code ${code}`}), stopping Redis`);
      void shutdown(code ?? 1);
    }
  });
  const shownHost = host.includes(":") ? `[${host}]` : host;
  console.log(
    `demo: Redis ${url} (throwaway${clusterMode ? " cluster" : ""}, deleted on exit) · dashboard http://${shownHost}:${port}`,
  );
}

/**
 * Stops the dashboard (it forwards the signal to Next), then the redis-server by PID, then
 * removes the server's temp dir, and exits.
 * @param {number} code
 * @param {string} [signal]
 */
async function shutdown(code, signal) {
  if (stopping) return;
  stopping = true;
  if (signal) console.log(`demo: ${signal}, stopping the dashboard and Redis…`);
  if (dashboard && dashboard.exitCode === null && dashboard.signalCode === null) {
    const exited = new Promise((resolve) => dashboard?.once("exit", resolve));
    dashboard.kill("SIGTERM");
    const timer = setTimeout(killDashboardGroup, 10_000);
    await exited;
    clearTimeout(timer);
  }
  // stop() also deletes the temp dirs; it copes with servers that a terminal's Ctrl-C
  // (sent to the whole process group) has already shut down.
  if (!server) {
    await starting?.then(
      (cluster) => cluster.stop(),
      () => {}, // startCluster stopped what it had started
    );
  }
  await server?.stop();
  server = undefined;
  console.log("demo: stopped; the throwaway Redis and its data are gone");
  process.exit(code);
}

/** A second Ctrl-C while stopping: kill everything now. */
function forceExit() {
  process.exit(1); // the exit handler kills the dashboard and redis-server, removes the dir
}

function killDashboardGroup() {
  if (dashboard?.pid && dashboard.exitCode === null && dashboard.signalCode === null) {
    killQuietly(-dashboard.pid, "SIGKILL");
  }
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function killQuietly(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
