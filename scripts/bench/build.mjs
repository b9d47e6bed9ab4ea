import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";

import { log, onCleanup, root } from "./util.mjs";

export const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
export const DIST_DIR = ".next-bench";
export const REBUILD = process.env.BENCH_REBUILD === "1";

// --- the Keyscope build, and keeping it from touching tracked files ----------------------------

// `next build` with a non-default distDir adds `<distDir>/types/**` to tsconfig.json's include
// (rewriting the whole file) and points next-env.d.ts at `<distDir>/types`. Neither should leak
// out of a bench run, so both are put back afterwards, unless someone else changed them meanwhile.
export function protectTypeScriptFiles() {
  const files = ["tsconfig.json", "next-env.d.ts"].map((f) => join(root, f));
  const before = new Map(files.map((f) => [f, existsSync(f) ? readFileSync(f, "utf8") : null]));
  return () => {
    for (const [file, old] of before) {
      const now = existsSync(file) ? readFileSync(file, "utf8") : null;
      if (now === old) continue;
      const name = relative(root, file);
      if (name === "tsconfig.json" && !onlyDistDirAdded(old, now)) {
        // Someone else changed it meanwhile: keep their change, take out only our entries.
        const stripped = withoutDistDir(now);
        if (stripped !== null && stripped !== now) writeFileSync(file, stripped);
        log(`${name} also changed during the build; removed only its ${DIST_DIR} entries`);
        continue;
      }
      if (name === "next-env.d.ts" && now !== null && !now.includes(DIST_DIR)) continue;
      if (old === null) unlinkSync(file);
      else writeFileSync(file, old);
      log(`restored ${name} (next build had rewritten it for ${DIST_DIR})`);
    }
  };
}

/** tsconfig.json text without the include entries for DIST_DIR, in Next's own layout. */
export function withoutDistDir(text) {
  if (text === null || !text.includes(DIST_DIR)) return text;
  try {
    const config = JSON.parse(text);
    if (!Array.isArray(config.include)) return text;
    config.include = config.include.filter((p) => !p.includes(DIST_DIR));
    return `${JSON.stringify(config, null, 2)}\n`;
  } catch {
    return null;
  }
}

export function onlyDistDirAdded(oldText, newText) {
  try {
    const a = JSON.parse(oldText);
    const b = JSON.parse(newText);
    if (Array.isArray(b.include)) b.include = b.include.filter((p) => !p.includes(DIST_DIR));
    const canon = (v) =>
      Array.isArray(v)
        ? v.map(canon)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, canon(v[k])]),
            )
          : v;
    return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
  } catch {
    return false;
  }
}

export let buildInfo = null;

export async function ensureBuild() {
  if (buildInfo) return buildInfo;
  const idFile = join(root, DIST_DIR, "BUILD_ID");
  if (REBUILD || !existsSync(idFile)) {
    log(`building Keyscope into ${DIST_DIR} (next build, a minute or two)…`);
    const restore = protectTypeScriptFiles();
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
    buildInfo = { built: true, ms: Date.now() - started };
  } else {
    buildInfo = { built: false };
  }
  buildInfo.id = readFileSync(idFile, "utf8").trim();
  buildInfo.newerSources = sourcesNewerThan(statSync(idFile).mtimeMs);
  if (buildInfo.newerSources.length) {
    log(
      `note: ${buildInfo.newerSources.length} source file(s) changed since this build (e.g. ${buildInfo.newerSources[0]}); BENCH_REBUILD=1 rebuilds`,
    );
  }
  return buildInfo;
}

/** Files the build is made from that changed after it (a stale build measures old code). */
export function sourcesNewerThan(mtimeMs) {
  const out = [];
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
  for (const rel of [
    "app",
    "lib",
    "components",
    "hooks",
    "instrumentation.ts",
    "next.config.mjs",
  ]) {
    visit(rel);
  }
  return out;
}

export function gitDescription() {
  const git = (...args) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim();
  const head = git("rev-parse", "--short", "HEAD");
  if (!head) return "not a git checkout";
  return git("status", "--porcelain") ? `${head} + uncommitted changes` : head;
}
