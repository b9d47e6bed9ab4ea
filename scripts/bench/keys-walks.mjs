import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { SCAN_WITH_META_LUA } from "../../lib/redis/scan-script.mjs";
import { getJson } from "./servers.mjs";
import { checkDeadline, root } from "./util.mjs";

// =================================================================================================
// Section "keys": seeding, SCAN walks through the API and without it, first-page latency, RSS.
// =================================================================================================

export const NAMESPACES = ["user", "user", "user", "session", "session", "cache", "cache", "order"];
export const NAMESPACES_TAIL = ["product", "token"];
export const COMPOSITE = ["hash", "list", "set", "zset"];

/** What key i is: deterministic, so two runs seed the same data. */
export function keySpec(i) {
  const ttl = i % 3 === 0 ? 3600 + ((i * 7919) % 82_800) : 0; // ~1/3 expire in 1–24 h
  if (i % 100 === 42) {
    const type = COMPOSITE[Math.floor(i / 100) % 4]; // ~1%: hashes, lists, sets, zsets
    const ns = { hash: "profile", list: "queue", set: "tags", zset: "rank" }[type];
    return { key: `bench:${ns}:${i}`, type, ttl };
  }
  const slot = i % 10;
  const ns = slot < 8 ? NAMESPACES[slot] : NAMESPACES_TAIL[slot - 8];
  return { key: `bench:${ns}:${i}`, type: "string", ttl };
}

/** Seeds keys 0..n-1 with pipelines: MSET for plain strings, SET EX for expiring ones. */
export async function seed(client, n, deadline) {
  const BATCH = 20_000; // keys per pipeline
  const IN_FLIGHT = 3;
  const pending = new Set();
  for (let start = 0; start < n; start += BATCH) {
    checkDeadline(deadline, "seeding");
    const p = client.pipeline();
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
  return { lua: SCAN_WITH_META_LUA, sha: createHash("sha1").update(SCAN_WITH_META_LUA).digest("hex") };
}

export async function evalScript(client, s, args) {
  try {
    return await client.callBuffer("EVALSHA", s.sha, 0, ...args);
  } catch (e) {
    if (!String(e.message).startsWith("NOSCRIPT")) throw e;
    return client.callBuffer("EVAL", s.lua, 0, ...args);
  }
}

// Each walker returns { seen } and optionally fills `unique`.

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

export const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The Lua script of scan.ts in a bare loop; with `json`, also the route's encode and a parse. */
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
      const ttl = p[i] < 0 ? p[i] : Math.round(p[i] / 1000);
      if (t[i] !== "none") page.push({ key: keys[i], type: t[i], ttl });
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

export function commandStats(text) {
  const out = {};
  for (const m of text.matchAll(/^cmdstat_(\S+?):calls=(\d+),usec=(\d+)/gm)) {
    out[m[1]] = { calls: Number(m[2]), usec: Number(m[3]) };
  }
  return out;
}
