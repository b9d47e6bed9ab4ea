import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../scripts/lib/redis-server.mjs";

// A Keyscope of a spec's own: the production build behind scripts/server.mjs on a free port,
// with its own data directory, for specs that need settings the shared server (global-setup.ts)
// does not have. Settings of the environment that would change it are dropped first.

export type ProductionServer = {
  base: string;
  port: number;
  proc: ChildProcess;
  /** Lines the server wrote to stderr (collected only with `stderr: "collect"`). */
  stderr: string[];
  stop: () => void;
};

export async function startProductionKeyscope(
  redisUrl: string,
  env: Record<string, string>,
  stderr: "collect" | "inherit" = "collect",
): Promise<ProductionServer> {
  const dir = mkdtempSync(join(tmpdir(), "keyscope-e2e-server-"));
  const port = await freePort();
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ["KEYSCOPE_CONNECTIONS", "KEYSCOPE_TRUST_PROXY", "NODE_OPTIONS"])
    delete inherited[k];
  const proc = spawn(process.execPath, ["scripts/server.mjs"], {
    env: {
      ...inherited,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      REDIS_URL: redisUrl,
      KEYSCOPE_DATA_DIR: join(dir, "data"),
      ...env,
    },
    stdio: ["ignore", "ignore", stderr === "collect" ? "pipe" : "inherit"],
  });
  const lines: string[] = [];
  proc.stderr?.on("data", (d: Buffer) => lines.push(...String(d).split("\n").filter(Boolean)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`Keyscope exited with ${proc.exitCode}`);
    if (Date.now() > deadline) throw new Error("Keyscope did not answer /api/health in 60 s");
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, port, proc, stderr: lines, stop: () => proc.kill("SIGTERM") };
}
