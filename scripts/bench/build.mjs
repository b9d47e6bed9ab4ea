// The Keyscope build the bench measures: `next build` into its own distDir, once per checkout.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { log, onCleanup, root } from "./util.mjs";

const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
export const DIST_DIR = ".next-bench";
const REBUILD = process.env.BENCH_REBUILD === "1";

/**
 * @typedef {{ built: boolean, ms?: number, id: string, newerSources: string[] }} BuildInfo
 */

/** @type {BuildInfo | null} */
let buildInfo = null;

// `next build` with a non-default distDir adds `<distDir>/types/**` to tsconfig.json's include
// unless it is there: tsconfig.json lists .next-bench's entries for that reason (its exclude of
// .next-* keeps tsc out of them). It also points next-env.d.ts (git-ignored, but read by
// `npm run typecheck`) at the bench's build, which may be deleted later: that one is put back.
function keepNextEnv() {
  const file = join(root, "next-env.d.ts");
  const before = existsSync(file) ? readFileSync(file, "utf8") : null;
  return () => {
    const now = existsSync(file) ? readFileSync(file, "utf8") : null;
    if (now === before) return;
    if (before === null) unlinkSync(file);
    else writeFileSync(file, before);
  };
}

/** Builds Keyscope into DIST_DIR if there is no build yet (or BENCH_REBUILD=1). */
export async function ensureBuild() {
  if (buildInfo) return buildInfo;
  const idFile = join(root, DIST_DIR, "BUILD_ID");
  let built = false;
  let ms;
  if (REBUILD || !existsSync(idFile)) {
    log(`building Keyscope into ${DIST_DIR} (next build, a minute or two)…`);
    const restore = keepNextEnv();
    const started = Date.now();
    try {
      const child = spawn(process.execPath, [nextBin, "build"], {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, KEYSCOPE_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      });
      onCleanup(() => child.exitCode === null && child.kill("SIGKILL"));
      const timer = setTimeout(() => child.kill("SIGKILL"), 15 * 60_000);
      const code = await new Promise((resolve) => child.once("exit", (c, s) => resolve(c ?? s)));
      clearTimeout(timer);
      if (code !== 0) {
        throw new Error(`next build failed (${code}); if the tree is mid-edit, retry in a minute`);
      }
    } finally {
      restore();
    }
    built = true;
    ms = Date.now() - started;
  }
  const newerSources = sourcesNewerThan(statSync(idFile).mtimeMs);
  buildInfo = { built, ms, id: readFileSync(idFile, "utf8").trim(), newerSources };
  if (newerSources.length) {
    log(
      `note: ${newerSources.length} source file(s) changed since this build (e.g. ${newerSources[0]}); BENCH_REBUILD=1 rebuilds`,
    );
  }
  return buildInfo;
}

/**
 * Files the build is made from that changed after it (a stale build measures old code).
 * @param {number} mtimeMs
 */
function sourcesNewerThan(mtimeMs) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} rel */
  const visit = (rel) => {
    const abs = join(root, rel);
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs)) if (!name.startsWith(".")) visit(join(rel, name));
    } else if (st.mtimeMs > mtimeMs) out.push(rel);
  };
  for (const rel of ["app", "lib", "components", "hooks", "instrumentation.ts", "next.config.mjs"])
    visit(rel);
  return out;
}

export function gitDescription() {
  /** @param {string[]} args */
  const git = (...args) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim();
  const head = git("rev-parse", "--short", "HEAD");
  if (!head) return "not a git checkout";
  return git("status", "--porcelain") ? `${head} + uncommitted changes` : head;
}
