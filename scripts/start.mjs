// `npm start`: builds once if there is no build yet, then serves Keyscope on HOST:PORT
// (default 127.0.0.1:3000) against REDIS_URL (default redis://127.0.0.1:6379).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");

const distDir = process.env.KEYSCOPE_DIST_DIR || ".next";
if (!existsSync(join(root, distDir, "BUILD_ID"))) {
  console.log("keyscope: no build yet, running `next build` once (about a minute)…");
  const built = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

console.log(`keyscope: Redis ${redactUrl(process.env.REDIS_URL || "redis://127.0.0.1:6379")}`);
// Next's types make NODE_ENV read-only (Next inlines it at build time); a launcher sets it.
/** @type {Record<string, string>} */ (process.env).NODE_ENV = "production";
await import("./server.mjs");

/** The URL with any password hidden, for the start-up line. */
/** @param {string} url */
function redactUrl(url) {
  // A cluster URL lists several hosts (`redis+cluster://h:p,h:p`), which URL cannot parse.
  if (/^rediss?\+cluster:\/\//i.test(url)) return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid REDIS_URL)";
  }
}
