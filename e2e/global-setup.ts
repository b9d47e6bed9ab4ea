import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort, startRedis } from "../scripts/lib/redis-server.mjs";
import { seedE2e } from "./seed";

// Starts: redis "main" (seeded), redis "flaky" (stopped and restarted by the banner spec), and
// `next start` with connections default (main), ro (main, read-only) and flaky. Their
// addresses reach the specs through process.env, which the workers inherit.

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Keyscope exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("Keyscope did not answer /api/health within 60 s");
}

export default async function globalSetup() {
  const distDir = process.env.KEYSCOPE_DIST_DIR || ".next";
  if (!existsSync(join(distDir, "BUILD_ID")))
    throw new Error("No build: run `npm run build` before the e2e specs (npm test does).");
  if (!existsSync(process.env.CHROMIUM_PATH || "/usr/bin/chromium")) {
    throw new Error("Chromium is not installed: run `sudo apt-get install -y chromium` (Debian).");
  }
  const main = await startRedis();
  const flaky = await startRedis();
  const seeder = new Redis(main.url, { protocol: 2 });
  await seedE2e(seeder);
  seeder.disconnect();

  const dir = mkdtempSync(join(tmpdir(), "keyscope-e2e-"));
  const connectionsFile = join(dir, "connections.json");
  writeFileSync(
    connectionsFile,
    JSON.stringify([
      { id: "default", name: "main", url: main.url },
      { id: "ro", name: "main (read-only)", url: main.url, readOnly: true },
      { id: "flaky", name: "flaky", url: flaky.url },
    ]),
  );
  const port = await freePort();
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        REDIS_URL: main.url,
        KEYSCOPE_CONNECTIONS: connectionsFile,
        KEYSCOPE_CONNECT_TIMEOUT_MS: "1500",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_REDIS_URL = main.url;
  process.env.E2E_FLAKY_PORT = String(flaky.port);
  process.env.E2E_FLAKY_PID = String(flaky.pid);

  return async () => {
    server.kill("SIGTERM");
    await main.stop();
    await flaky.stop();
    // The banner spec may have restarted "flaky" under a new PID.
    const restarted = Number(process.env.E2E_FLAKY_RESTARTED_PID);
    if (restarted) {
      try {
        process.kill(restarted, "SIGTERM");
      } catch {}
    }
  };
}
