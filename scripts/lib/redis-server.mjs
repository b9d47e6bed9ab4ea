// Starts a throwaway redis-server on a free loopback port with its own temp dir, and stops it by
// PID. Tests, e2e, the bench and the demo all use this: nothing in Keyscope's tooling ever
// touches a Redis it did not start.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const INSTALL_HINT =
  "redis-server is not installed: run `sudo apt-get install -y redis-server` (Debian/Ubuntu).";

export function hasRedisServer() {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * A path that does not exist yet, in a new directory under the OS temp dir: tests point
 * KEYSCOPE_DATA_DIR at one, so the code under test creates it (and its mode is checked).
 * @param {string} prefix
 */
export function tempPath(prefix) {
  return join(mkdtempSync(join(tmpdir(), prefix)), "data");
}

/**
 * @param {string} dir
 * @param {string} text
 */
function writeConfig(dir, text) {
  const file = join(dir, "sentinel.conf");
  writeFileSync(file, text);
  return file;
}

/**
 * A port that was free a moment ago on 127.0.0.1.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function ping(port) {
  return new Promise((resolve) => {
    const sock = connect({ port, host: "127.0.0.1" });
    let data = "";
    sock.setTimeout(500, () => {
      sock.destroy();
      resolve(false);
    });
    sock.on("error", () => resolve(false));
    sock.on("connect", () => sock.write("PING\r\n"));
    sock.on("data", (d) => {
      data += d.toString();
      if (data.includes("\r\n")) {
        sock.end();
        resolve(data.startsWith("+PONG") || data.startsWith("-NOAUTH")); // a password-protected server is up too
      }
    });
  });
}

/**
 * @typedef {{ port: number, pid: number, url: string, dir: string, stop: () => Promise<void>, pause: () => void, resume: () => void }} RedisProcess
 */

/**
 * @param {{ args?: string[], port?: number, sentinelConfig?: string }} [options] extra
 *   redis-server arguments; `sentinelConfig`: run as a sentinel with this config text
 * @returns {Promise<RedisProcess>}
 */
export async function startRedis(options = {}) {
  if (!hasRedisServer()) throw new Error(INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), "keyscope-redis-"));
  const port = options.port ?? (await freePort());
  // A sentinel reads (and rewrites) its config file, which must come first; it keeps no data.
  const head = options.sentinelConfig
    ? [writeConfig(dir, options.sentinelConfig), "--sentinel"]
    : ["--save", "", "--appendonly", "no"];
  const child = spawn(
    "redis-server",
    [
      ...head.slice(0, options.sentinelConfig ? 2 : 0),
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      ...head.slice(options.sentinelConfig ? 2 : 0),
      "--daemonize",
      "no",
      ...(options.args ?? []),
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null)
      throw new Error(`redis-server on port ${port} exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server on port ${port} did not answer within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error("redis-server did not start");
  return {
    port,
    pid,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pause: () => process.kill(pid, "SIGSTOP"),
    resume: () => process.kill(pid, "SIGCONT"),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(pid, "SIGCONT");
        } catch {}
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
