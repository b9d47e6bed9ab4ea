import { createHash } from "node:crypto";
import http from "node:http";
import { CHROMIUM_PATH } from "../lib/chromium.mjs";

import { commandStats } from "./keys-walks.mjs";
import { checkDeadline, cpuMsOf, positiveNumber, procTable, statusKiB } from "./util.mjs";

// The "values" section's data (big keys, seeded in pipelined batches) and its measuring tools:
// a download that counts bytes, RSS sampling, and the Redis commands and CPU time per request.

/**
 * @typedef {import("ioredis").Redis} Redis
 * @typedef {ReturnType<Redis["pipeline"]>} Pipeline
 * @typedef {"hash" | "list" | "zset" | "string"} BigType
 * @typedef {{ type: BigType, key: string, size: number, unit: string }} BigKey
 */

export const MiB = 1024 * 1024;
export const VALUES_SCALE = positiveNumber("BENCH_VALUES_SCALE", 1);
export const VALUES_BROWSER = process.env.BENCH_VALUES_BROWSER !== "0";
export const VALUE_WARMUPS = 5;
export const VALUE_SAMPLES = 30;
export const CHROMIUM = CHROMIUM_PATH;

/**
 * The big keys, scaled by BENCH_VALUES_SCALE; `size` in elements, or bytes for the string.
 * @param {number} scale
 * @returns {BigKey[]}
 */
export function bigKeySpecs(scale) {
  /** @param {number} x */
  const n = (x) => Math.max(1000, Math.round(x * scale));
  return [
    { type: "hash", key: "bench:big:hash", size: n(1_000_000), unit: "fields" },
    { type: "list", key: "bench:big:list", size: n(1_000_000), unit: "items" },
    { type: "zset", key: "bench:big:zset", size: n(500_000), unit: "members" },
    {
      type: "string",
      key: "bench:big:string",
      size: Math.max(1, Math.round(100 * scale)) * MiB,
      unit: "bytes",
    },
  ];
}

/**
 * The least work a bare client could do for the same first page as the API's defaults.
 * @type {Record<BigType, (key: string) => string[]>}
 */
export const BASELINE_COMMAND = {
  hash: (key) => ["HSCAN", key, "0", "COUNT", "100"],
  list: (key) => ["LRANGE", key, "0", "99"],
  zset: (key) => ["ZRANGE", key, "0", "99", "WITHSCORES"],
  string: (key) => ["GETRANGE", key, "0", "65535"],
};

const STRING_TEXT =
  "The quick brown fox jumps over the lazy dog. 0123456789 abcdefghijklmnopqrstuvwxyz\n";

/**
 * 1 MiB of printable ASCII (valid UTF-8, so the API sends it as a JSON string), numbered.
 * @param {number} i
 */
export function stringChunk(i) {
  const b = Buffer.alloc(MiB, STRING_TEXT);
  b.write(`#${String(i).padStart(6, "0")} `, 0, "latin1");
  return b;
}

/**
 * Pipelines of `perPipeline` commands of `perCommand` elements each, at most 2 in flight.
 * @param {Redis} client
 * @param {number} total
 * @param {number} perCommand
 * @param {number} perPipeline
 * @param {(p: Pipeline, from: number, to: number) => void} add
 * @param {number} deadline
 * @param {string} what
 */
async function pipelinedBatches(client, total, perCommand, perPipeline, add, deadline, what) {
  const IN_FLIGHT = 2;
  /** @type {Set<Promise<void>>} */
  const pending = new Set();
  const step = perCommand * perPipeline;
  for (let start = 0; start < total; start += step) {
    checkDeadline(deadline, what);
    const p = client.pipeline();
    const end = Math.min(total, start + step);
    for (let i = start; i < end; i += perCommand) add(p, i, Math.min(end, i + perCommand));
    const done = p.exec().then((replies) => {
      const err = replies?.find(([e]) => e);
      if (err) throw err[0];
    });
    pending.add(done);
    done.finally(() => pending.delete(done)).catch(() => {});
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
}

/**
 * How each collection's elements [a, b) are written: values vary by element, so no encoding
 * trick shrinks them.
 * @type {Record<"hash" | "list" | "zset", (p: import("ioredis").ChainableCommander, key: string, a: number, b: number) => void>}
 */
const COLLECTION_FILL = {
  hash(p, key, a, b) {
    /** @type {string[]} */
    const args = [];
    for (let i = a; i < b; i++) args.push(`field:${i}`, `value ${i} ${(i * 2654435761) % 1e9}`);
    p.hset(key, args);
  },
  list(p, key, a, b) {
    /** @type {string[]} */
    const items = [];
    for (let i = a; i < b; i++) items.push(`item ${i} ${(i * 2654435761) % 1e9}`);
    p.rpush(key, ...items);
  },
  zset(p, key, a, b) {
    /** @type {(string | number)[]} */
    const args = [];
    for (let i = a; i < b; i++) args.push(((i * 2654435761) % 1_000_003) / 8, `member:${i}`);
    p.zadd(key, ...args);
  },
};

/**
 * Seeds the big keys; returns the SHA-1 of the string, to check downloads against.
 * @param {Redis} client
 * @param {BigKey[]} specs
 * @param {number} deadline
 */
export async function seedBigKeys(client, specs, deadline) {
  const sha1 = createHash("sha1");
  for (const s of specs) {
    await client.unlink(s.key);
    const what = `seeding ${s.key}`;
    const fill = COLLECTION_FILL[/** @type {keyof typeof COLLECTION_FILL} */ (s.type)];
    if (fill) {
      // 1,000 elements per command, 50 commands per round trip.
      await pipelinedBatches(
        client,
        s.size,
        1000,
        50,
        (p, a, b) => fill(p, s.key, a, b),
        deadline,
        what,
      );
    } else {
      // APPEND, 1 MiB per command, 4 per round trip.
      await pipelinedBatches(
        client,
        s.size / MiB,
        1,
        4,
        (p, i) => {
          const chunk = stringChunk(i);
          sha1.update(chunk);
          p.append(s.key, chunk);
        },
        deadline,
        what,
      );
    }
  }
  const lengths = await Promise.all(
    specs.map((s) =>
      client.call({ hash: "HLEN", list: "LLEN", zset: "ZCARD", string: "STRLEN" }[s.type], s.key),
    ),
  );
  specs.forEach((s, i) => {
    if (Number(lengths[i]) !== s.size) {
      throw new Error(`${s.key}: seeded ${s.size} ${s.unit} but Redis has ${lengths[i]}`);
    }
  });
  return sha1.digest("hex");
}

/**
 * @typedef {{ status: number, bytes: number, contentLength: number | null,
 *   transferEncoding: string | null, sha1: string | undefined }} Download
 */

/**
 * Reads a response to the end and throws the bytes away; optionally hashes them.
 * @param {string} url
 * @returns {Promise<Download>}
 */
export function download(url, { hash = false, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    // Its own connection, not the keep-alive agent's.
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      let bytes = 0;
      const h = hash ? createHash("sha1") : null;
      res.on("data", (c) => {
        bytes += c.length;
        h?.update(c);
      });
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          contentLength:
            res.headers["content-length"] === undefined
              ? null
              : Number(res.headers["content-length"]),
          transferEncoding: res.headers["transfer-encoding"] ?? null,
          sha1: h?.digest("hex"),
        }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/**
 * Samples the summed VmRSS of `pids()` every `everyMs` until stopped; returns the peak.
 * @param {() => number[]} pids
 */
export function rssSampler(pids, everyMs = 20) {
  const list = pids();
  let peak = 0;
  const tick = () => {
    const kib = rssOf(list);
    if (kib > peak) peak = kib;
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

/** @param {number[]} pids summed VmRSS in KiB */
export const rssOf = (pids) => pids.reduce((s, p) => s + statusKiB(p, "VmRSS"), 0);
/** @param {number[]} pids summed VmHWM (peak RSS) in KiB */
export const hwmOf = (pids) => pids.reduce((s, p) => s + statusKiB(p, "VmHWM"), 0);

/**
 * Commands Redis ran and Keyscope's CPU time, per call of `fn`, over `reps` calls.
 * @param {Redis} admin
 * @param {import("./servers.mjs").Keyscope | null} app
 * @param {() => Promise<unknown>} fn
 * @param {number} reps
 */
export async function accountFor(admin, app, fn, reps) {
  await admin.config("RESETSTAT");
  const pids = app ? app.allPids() : [];
  const t0 = procTable();
  const app0 = cpuMsOf(pids, t0);
  for (let i = 0; i < reps; i++) await fn();
  const t1 = procTable();
  const stats = commandStats(await admin.info("commandstats"));
  // the bench's own INFO and CONFIG RESETSTAT are left out (Redis 7 names subcommands `a|b`)
  const ours = Object.entries(stats).filter(([c]) => !/^(info|config)\b/.test(c));
  // EXEC's (and a script's) time includes the commands it ran, which are also counted alone.
  const timed = ours.filter(([c]) => !["exec", "eval", "evalsha"].includes(c));
  return {
    commands: ours
      .sort((a, b) => b[1].calls - a[1].calls)
      .map(
        ([c, v]) =>
          `${c.toUpperCase().replace("|", " ")}${v.calls === reps ? "" : ` ×${Number((v.calls / reps).toFixed(1))}`}`,
      ),
    calls: ours.reduce((s, [, v]) => s + v.calls, 0) / reps,
    redisUs: timed.reduce((s, [, v]) => s + v.usec, 0) / reps,
    appCpuMs: app ? (cpuMsOf(pids, t1) - app0) / reps : null,
  };
}
