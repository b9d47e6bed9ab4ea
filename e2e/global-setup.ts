import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH } from "../scripts/lib/chromium.mjs";
import { freePort, startRedis } from "../scripts/lib/redis-server.mjs";
import { seedE2e } from "./seed";

// Starts: redis "main" (password-protected, seeded), redis "flaky" (stopped and restarted by
// the banner spec), and Keyscope (scripts/server.mjs, auth on) with connections default
// (main), ro (main, read-only) and flaky. Secrets are random per run; the specs check that
// none of them ever appears in a response. Addresses and secrets reach the specs through
// process.env, which the workers inherit; the login cookie through a storage-state file.

export const STATE_FILE = "test-results/e2e-state.json";

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

async function saveLogin(baseUrl: string, password: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ password }),
  });
  const cookie = /keyscope_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!res.ok || !cookie) throw new Error(`e2e login failed: ${res.status}`);
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    STATE_FILE,
    JSON.stringify({
      cookies: [
        {
          name: "keyscope_session",
          value: cookie,
          domain: "127.0.0.1",
          path: "/",
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: "Strict",
        },
      ],
      origins: [],
    }),
  );
}

export default async function globalSetup() {
  const distDir = process.env.KEYSCOPE_DIST_DIR || ".next";
  if (!existsSync(join(distDir, "BUILD_ID")))
    throw new Error("No build: run `npm run build` before the e2e specs (npm test does).");
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_INSTALL_HINT);
  const secrets = {
    redisPassword: `redis-secret-${randomBytes(9).toString("hex")}`,
    password: `ui-secret-${randomBytes(9).toString("hex")}`,
    token: `token-secret-${randomBytes(9).toString("hex")}`,
  };
  const main = await startRedis({ args: ["--requirepass", secrets.redisPassword] });
  const mainUrl = `redis://:${secrets.redisPassword}@127.0.0.1:${main.port}`;
  const flaky = await startRedis();
  const seeder = new Redis(mainUrl, { protocol: 2 });
  await seedE2e(seeder);
  seeder.disconnect();

  const dir = mkdtempSync(join(tmpdir(), "keyscope-e2e-"));
  const connectionsFile = join(dir, "connections.json");
  writeFileSync(
    connectionsFile,
    JSON.stringify([
      { id: "default", name: "main", url: mainUrl },
      { id: "ro", name: "main (read-only)", url: mainUrl, readOnly: true },
      { id: "prod", name: "main (production)", url: mainUrl, production: true },
      { id: "flaky", name: "flaky", url: flaky.url },
    ]),
  );
  const port = await freePort();
  const server = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      REDIS_URL: mainUrl,
      KEYSCOPE_CONNECTIONS: connectionsFile,
      KEYSCOPE_CONNECT_TIMEOUT_MS: "1500",
      KEYSCOPE_PASSWORD: secrets.password,
      KEYSCOPE_TOKEN: secrets.token,
      KEYSCOPE_AUDIT_LOG: join(dir, "audit.log"),
      KEYSCOPE_DATA_DIR: join(dir, "data"),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server);
  await saveLogin(baseUrl, secrets.password);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_REDIS_URL = mainUrl;
  process.env.E2E_FLAKY_PORT = String(flaky.port);
  process.env.E2E_FLAKY_PID = String(flaky.pid);
  process.env.E2E_PASSWORD = secrets.password;
  process.env.E2E_TOKEN = secrets.token;
  process.env.E2E_SECRETS = JSON.stringify(Object.values(secrets));

  return async () => {
    server.kill("SIGTERM");
    await main.stop();
    await flaky.stop();
  };
}
