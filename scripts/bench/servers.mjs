// The servers a section measures (a throwaway redis-server, Keyscope built into .next-bench and
// started with scripts/start.mjs) and the plain HTTP client it measures them with.
import { spawn } from "node:child_process";
import http from "node:http";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort, startRedis } from "../lib/redis-server.mjs";

import { DIST_DIR, ensureBuild } from "./build.mjs";
import { checkDeadline, log, onCleanup, processTree, procTable, root, sleep } from "./util.mjs";

/**
 * @typedef {{ base: string, pid: number, serverPids: () => number[], allPids: () => number[],
 *   stop: () => Promise<void> }} Keyscope
 * @typedef {{ status: number, body: Buffer, headers: import("node:http").IncomingHttpHeaders }} HttpReply
 * What main() hands every section.
 * @typedef {{ info: import("./util.mjs").MachineInfo, keys: number, runs: number,
 *   startRedis: typeof startThrowawayRedis, redisClient: typeof redisClient,
 *   startKeyscope: typeof startKeyscope, ensureBuild: typeof ensureBuild }} BenchContext
 */

// --- servers ------------------------------------------------------------------------------------

export async function startThrowawayRedis() {
  const server = await startRedis();
  onCleanup(() => server.stop());
  log(`redis-server pid ${server.pid} on port ${server.port}`);
  return server;
}

/** @param {number} port */
export function redisClient(port) {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    protocol: 2,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    enableAutoPipelining: false,
  });
  client.on("error", () => {}); // surfaced by the command that fails
  onCleanup(() => client.disconnect());
  return client;
}

/**
 * @param {string} redisUrl
 * @param {Record<string, string>} [extraEnv] set after the defaults (the "load" section turns auth on)
 * @returns {Promise<Keyscope>}
 */
export async function startKeyscope(redisUrl, extraEnv = {}) {
  await ensureBuild();
  const port = await freePort();
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    KEYSCOPE_DIST_DIR: DIST_DIR,
    PORT: String(port),
    HOST: "127.0.0.1",
    REDIS_URL: redisUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The bench talks to the default connection without auth, whatever the caller's shell has.
  for (const k of ["KEYSCOPE_PASSWORD", "KEYSCOPE_TOKEN", "KEYSCOPE_CONNECTIONS"]) delete env[k];
  for (const k of ["KEYSCOPE_READ_ONLY", "NODE_OPTIONS"]) delete env[k];
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, [join(root, "scripts", "start.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  /** @type {string[]} */
  const output = [];
  /** @param {Buffer} d */
  const keep = (d) => {
    output.push(...d.toString().split("\n").filter(Boolean));
    if (output.length > 40) output.splice(0, output.length - 40);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (child.pid === undefined) throw new Error("scripts/start.mjs did not start");
  const pid = child.pid;
  let known = [pid]; // the tree as last seen, so a SIGKILL can reach an orphaned next-server

  async function stop() {
    const tree = processTree(pid);
    if (tree.length) known = tree;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // start.mjs forwards it to next-server
      await Promise.race([exited, sleep(5000)]);
    }
    const table = procTable();
    for (const p of known) {
      if (table.has(p)) {
        try {
          process.kill(p, "SIGKILL");
        } catch {}
      }
    }
  }
  onCleanup(stop);
  onCleanup(() => agent.destroy()); // runs first: close idle keep-alive sockets to the server

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`Keyscope exited with ${child.exitCode}:\n${output.join("\n")}`);
    }
    checkDeadline(deadline, `Keyscope on ${base} (GET /api/health)`);
    try {
      if ((await getJson(`${base}/api/health`, 2000)).ok === true) break;
    } catch {}
    await sleep(200);
  }
  known = processTree(pid);
  log(`Keyscope pid ${pid} on ${base} (process tree: ${known.join(", ")})`);
  return {
    base,
    pid,
    /** The processes that serve requests: everything under start.mjs, not the wrapper itself. */
    serverPids: () => serverProcesses(pid),
    allPids: () => processTree(pid),
    stop,
  };
}

/**
 * The processes that serve requests: the `next-server` children of start.mjs and their trees when
 * it launches one (as `next start` does), else start.mjs itself and what it started (when it
 * runs Next's request handler in-process).
 * @param {number} pid
 */
function serverProcesses(pid) {
  const table = procTable();
  const tree = processTree(pid, table);
  const servers = tree.filter((p) => p !== pid && /^next-server/.test(table.get(p)?.comm ?? ""));
  return servers.length ? [...new Set(servers.flatMap((p) => processTree(p, table)))] : tree;
}

// A plain keep-alive HTTP client: lighter than fetch, so that on a 2-core machine the bench's own
// CPU takes as little as possible from the server it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * GET → { status, body: Buffer, headers }, on the keep-alive agent.
 * @param {string} url
 * @returns {Promise<HttpReply>}
 */
export function httpGet(url, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/**
 * The API's JSON answer; `any` because each caller reads the fields of its own route.
 * @param {string} url
 * @returns {Promise<any>}
 */
export async function getJson(url, timeoutMs = 30_000) {
  const { status, body } = await httpGet(url, timeoutMs);
  const text = body.toString("utf8");
  if (status !== 200) throw new Error(`GET ${url} → ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
