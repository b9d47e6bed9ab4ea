// `npm test`: unit and integration tests (Vitest, each file with its own throwaway
// redis-server), then the browser specs (Playwright in Debian's Chromium) against a production
// build. Missing tools are named in one line with the command that installs them.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { CHROMIUM_INSTALL_HINT, CHROMIUM_PATH } from "./lib/chromium.mjs";
import { hasRedisServer, INSTALL_HINT } from "./lib/redis-server.mjs";

const only = process.argv[2]; // "unit" or "e2e" runs one half

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/**
 * @param {string} path
 * @returns {any} a test report: its fields are read with `?.` and defaults
 */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

if (!hasRedisServer()) {
  console.error(`npm test: ${INSTALL_HINT}`);
  process.exit(1);
}
if (only !== "unit" && !existsSync(CHROMIUM_PATH)) {
  console.error(
    `npm test: ${CHROMIUM_INSTALL_HINT} Or \`npm test -- unit\` for the non-browser tests.`,
  );
  process.exit(1);
}

rmSync("test-results", { recursive: true, force: true });
let passed = 0;
let failed = 0;
let status = 0;

if (only !== "e2e") {
  status |= run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=test-results/unit.json",
  ]);
  const unit = readJson("test-results/unit.json");
  passed += unit?.numPassedTests ?? 0;
  failed += unit?.numFailedTests ?? (status ? 1 : 0);
}

if (only !== "unit") {
  // The specs run against a production build of the current code: build unless told a fresh
  // one exists (.ci/run builds just before and sets KEYSCOPE_SKIP_BUILD=1).
  const distDir = process.env.KEYSCOPE_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`) || process.env.KEYSCOPE_SKIP_BUILD !== "1") {
    const built = run("npx", ["next", "build"]);
    if (built !== 0) process.exit(built);
  }
  const e2eStatus = run("npx", ["playwright", "test"]);
  status |= e2eStatus;
  const e2e = readJson("test-results/e2e.json");
  passed += e2e?.stats?.expected ?? 0;
  failed += (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0) || (e2eStatus && !e2e ? 1 : 0);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(status ? 1 : 0);
