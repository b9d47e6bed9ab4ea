import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { SCAN_WITH_META_LUA } from "../../lib/redis/scan-script.mjs";
import { getJson } from "./servers.mjs";
import { checkDeadline } from "./util.mjs";

// The "keys" section's data and walkers: a deterministic keyspace, and every way of walking it
// (Keyscope's API, scan.ts's Lua in a bare loop, plain ioredis SCAN, redis-cli --scan).

/** @typedef {import("ioredis").Redis} Redis */

const NAMESPACES = ["user", "user", "user", "session", "session", "cache", "cache", "order"];
const NAMESPACES_TAIL = ["product", "token"];
const COMPOSITE = /** @type {const} */ (["hash", "list", "set", "zset"]);

/**
 * What key i is: deterministic, so two runs seed the same data.
 * @param {number} i
 */
function keySpec(i) {
  const ttl = i % 3 === 0 ? 3600 + ((i * 7919) % 82_800) : 0; // ~1/3 expire in 1–24 h
  if (i % 100 === 42) {
    const type = COMPOSITE[Math.floor(i / 100) % 4] ?? "hash"; // ~1%: hashes, lists, sets, zsets
    const ns = { hash: "profile", list: "queue", set: "tags", zset: "rank" }[type];
    return { key: `bench:${ns}:${i}`, type, ttl };
  }
  const slot = i % 10;
  const ns = slot < 8 ? NAMESPACES[slot] : NAMESPACES_TAIL[slot - 8];
  return { key: `bench:${ns}:${i}`, type: "string", ttl };
}

/**
 * Seeds keys from..n-1 with pipelines: MSET for plain strings, SET EX for expiring ones (from
 * > 0 tops up a keyspace seeded to `from` keys before).
 * @param {Redis} client
 * @param {number} n
 * @param {number} deadline
 * @param {number} [from]
 */
export async function seed(client, n, deadline, from = 0) {
  const BATCH = 20_000; // keys per pipeline
  const IN_FLIGHT = 3;
  /** @type {Set<Promise<void>>} */
  const pending = new Set();
  for (let start = from; start < n; start += BATCH) {
    checkDeadline(deadline, "seeding");
    const p = client.pipeline();
    /** @type {string[]} */
    let mset = [];
    const end = Math.min(n, start + BATCH);
    for (let i = start; i < end; i++) {
      const { key, type, ttl } = keySpec(i);
      if (type === "string") {
        const value = `{"id":${i},"v":"${(i * 2654435761) % 1e9}"}`;
        if (ttl) p.set(key, value, "EX", ttl);
        else {
          mset.push(key, value);
          if (mset.length >= 2000) {
            p.mset(mset);
            mset = [];
          }
        }
        continue;
      }
      if (type === "hash") p.hset(key, "name", `n${i}`, "email", `u${i}@example.com`, "n", i);
      else if (type === "list") p.rpush(key, "a", "b", "c", String(i));
      else if (type === "set") p.sadd(key, "red", "green", "blue", String(i));
      else p.zadd(key, 1, "a", 2, "b", 3, String(i));
      if (ttl) p.expire(key, ttl);
    }
    if (mset.length) p.mset(mset);
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

/** The Lua script lib/redis/scan.ts runs: the same module, so the two cannot drift apart. */
export function scanScript() {
  const sha = createHash("sha1").update(SCAN_WITH_META_LUA).digest("hex");
  return { lua: SCAN_WITH_META_LUA, sha };
}

/**
 * @param {Redis} client
 * @param {{ lua: string, sha: string }} s
 * @param {(string | number)[]} args
 * @returns {Promise<[Buffer, Buffer[], Buffer, Buffer]>} cursor, keys, types, TTLs
 */
async function evalScript(client, s, args) {
  try {
    return /** @type {any} */ (await client.callBuffer("EVALSHA", s.sha, 0, ...args));
  } catch (e) {
    if (!(e instanceof Error) || !e.message.startsWith("NOSCRIPT")) throw e;
    return /** @type {any} */ (await client.callBuffer("EVAL", s.lua, 0, ...args));
  }
}

// Each walker returns { seen } and optionally fills `unique`.

/**
 * @param {Redis} client
 * @param {number} count
 * @param {number} deadline
 */
export async function walkIoredis(client, count, deadline) {
  let cursor = "0";
  let seen = 0;
  do {
    checkDeadline(deadline, "ioredis SCAN walk");
    const [next, keys] = await client.scanBuffer(cursor, "COUNT", count);
    seen += keys.length;
    cursor = next.toString();
  } while (cursor !== "0");
  return { seen };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The Lua script of scan.ts in a bare loop; with `json`, also the route's encode and a parse.
 * @param {Redis} client
 * @param {{ lua: string, sha: string }} s
 * @param {number} count
 * @param {boolean} json
 * @param {number} deadline
 */
export async function walkLua(client, s, count, json, deadline) {
  let cursor = "0";
  let seen = 0;
  do {
    checkDeadline(deadline, "ioredis Lua walk");
    const [next, keys, types, ttls] = await evalScript(client, s, [cursor, count, "", ""]);
    cursor = next.toString();
    if (keys.length === 0) continue;
    const t = types.toString().split(",");
    const p = ttls.toString().split(",").map(Number);
    const page = [];
    for (let i = 0; i < keys.length; i++) {
      const pttl = p[i] ?? -2;
      const ttl = pttl < 0 ? pttl : Math.round(pttl / 1000);
      const key = /** @type {Buffer} */ (keys[i]);
      if (t[i] !== "none") page.push({ key, type: t[i], ttl });
    }
    if (json) {
      const body = JSON.stringify({
        cursor,
        keys: page.map((k) => ({ key: strictUtf8.decode(k.key), type: k.type, ttl: k.ttl })),
        dbsize: 0,
      });
      seen += JSON.parse(body).keys.length;
    } else seen += page.length;
  } while (cursor !== "0");
  return { seen };
}

/**
 * @param {string} base
 * @param {string} query
 * @param {number} deadline
 * @param {Set<string>} [unique] filled with every key seen
 */
export async function walkApi(base, query, deadline, unique) {
  let cursor = "0";
  let seen = 0;
  let requests = 0;
  let dbsize = 0;
  let shapeOk = true;
  const meta = !query.includes("meta=0");
  do {
    checkDeadline(deadline, `API walk (${query})`);
    const page = await getJson(
      `${base}/api/connections/default/db/0/keys?${query}&cursor=${encodeURIComponent(cursor)}`,
    );
    requests++;
    seen += page.keys.length;
    if (unique) {
      for (const k of page.keys) {
        unique.add(typeof k.key === "string" ? `s:${k.key}` : `b:${k.key.b64}`);
        if (meta ? typeof k.type !== "string" || typeof k.ttl !== "number" : "type" in k) {
          shapeOk = false;
        }
      }
    }
    cursor = page.cursor;
    dbsize = page.dbsize;
  } while (cursor !== "0");
  return { seen, requests, dbsize, shapeOk };
}

/**
 * @param {number} port
 * @param {string[]} extra
 * @param {number} deadline
 * @returns {Promise<{ seen?: number }>}
 */
export function redisCliWalk(port, extra, deadline) {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-cli", ["-p", String(port), "--scan", ...extra], {
      stdio: ["ignore", "ignore", "pipe"], // stdout → /dev/null
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), Math.max(1000, deadline - Date.now()));
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({});
      else reject(new Error(`redis-cli --scan ${extra.join(" ")} exited ${code}: ${err.trim()}`));
    });
  });
}

/**
 * INFO commandstats as command → { calls, usec }.
 * @param {string} text
 */
export function commandStats(text) {
  /** @type {Record<string, { calls: number, usec: number }>} */
  const out = {};
  for (const m of text.matchAll(/^cmdstat_(\S+?):calls=(\d+),usec=(\d+)/gm)) {
    out[/** @type {string} */ (m[1])] = { calls: Number(m[2]), usec: Number(m[3]) };
  }
  return out;
}
