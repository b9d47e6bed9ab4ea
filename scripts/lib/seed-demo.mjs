import { readFileSync } from "node:fs";
import {
  seedAppData,
  seedBigHash,
  seedBigListAndZset,
  seedBigString,
  seedDb1,
  seedDb2,
  seedOddKeys,
  seedVolume,
} from "./demo/app-data.mjs";
import { exec } from "./demo/pipeline.mjs";
import { seedCelery, seedDjangoCache, seedDjangoSessions } from "./demo/python-apps.mjs";
import { b64, elapsed, makeRng } from "./demo/words.mjs";

export const FIXTURE_URL = new URL("../../fixtures/python-apps.json", import.meta.url);

/**
 * @typedef {import("./demo/pipeline.mjs").Redis} Redis
 * @typedef {import("./demo/pipeline.mjs").Pipeline} Pipeline
 * @typedef {{ db: number, key: string, type: string, ttl: number, value: any, mustShow: string[] }} FixtureEntry
 * @typedef {import("./demo/pipeline.mjs").Ctx} Ctx
 */

/** The entries of fixtures/python-apps.json (keys and values still base64). */
export function loadFixture() {
  /** @type {{ keys: FixtureEntry[] }} */
  const json = JSON.parse(readFileSync(FIXTURE_URL, "utf8"));
  return json.keys;
}

/**
 * @param {Redis} redis an ioredis client; it is left on the db it was configured with. Or a
 *   cluster router (./demo/cluster-router.mjs): a cluster has db 0 only, so the sections and
 *   fixture entries of dbs 1–3 are skipped there.
 * @param {{ big?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<{ ms: number, keys: number }>}
 */
export async function seedDemo(redis, { big = true, log = console.log } = {}) {
  const started = performance.now();
  await assertEmpty(redis);
  /** @type {Ctx} */
  const ctx = { redis, rng: makeRng(20240102), now: Date.now() };
  /** @type {[number, string, (ctx: Ctx) => Promise<number>][]} */
  const sections = [
    [-1, "python-apps fixture", seedFixture],
    [0, "django cache", seedDjangoCache],
    [0, "django sessions", seedDjangoSessions],
    [0, "celery broker and results", seedCelery],
    [0, "app data (users, leaderboard, stream, sets, lists)", seedAppData],
    [0, "small string keys", seedVolume],
    [0, "binary and odd keys", seedOddKeys],
    [1, "db 1 extras", seedDb1],
    [2, "db 2 extras", seedDb2],
  ];
  if (big) {
    sections.push(
      [0, "big:hash:1m (1,000,000 fields)", seedBigHash],
      [0, "big:list:100k and big:zset:100k", seedBigListAndZset],
      [0, "big:string:20mb", seedBigString],
    );
  }

  const cluster = isCluster(redis);
  let keys = 0;
  try {
    for (const [db, name, seed] of sections) {
      if (cluster && db > 0) {
        log(`seed: ${name}: skipped (a cluster has db 0 only)`);
        continue;
      }
      const t = performance.now();
      if (db >= 0) await redis.select(db);
      const n = await seed(ctx);
      keys += n;
      log(`seed: ${name}: ${n.toLocaleString("en")} key${n === 1 ? "" : "s"} in ${elapsed(t)}`);
    }
  } finally {
    await redis.select(redis.options.db ?? 0);
  }
  log(`seed: done, ${keys.toLocaleString("en")} keys in ${elapsed(started)}`);
  return { ms: Math.round(performance.now() - started), keys };
}

/** @param {Redis} redis */
function isCluster(redis) {
  return /** @type {{ routesBySlot?: unknown }} */ (redis).routesBySlot === true;
}

/**
 * Seeding a Redis that holds data would mix demo keys into it: only empty ones are seeded.
 * @param {Redis} redis
 */
async function assertEmpty(redis) {
  const DBS = isCluster(redis) ? [0] : [...new Set([0, 1, 2, ...loadFixture().map((e) => e.db)])];
  const pipe = redis.pipeline();
  for (const db of DBS) pipe.select(db).dbsize();
  pipe.select(redis.options.db ?? 0);
  const results = await exec(pipe);
  DBS.forEach((db, i) => {
    const size = results[i * 2 + 1];
    if (size !== 0) {
      throw new Error(
        `seedDemo: db ${db} already holds ${size} keys; it only seeds an empty Redis`,
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Sections. Each writes into the currently selected db and returns how many keys it created.

/**
 * Every entry of fixtures/python-apps.json, byte for byte, in its own db with its TTL.
 * @param {Ctx} ctx
 */
async function seedFixture({ redis }) {
  const entries = loadFixture().filter((e) => e.db === 0 || !isCluster(redis));
  for (const db of new Set(entries.map((e) => e.db))) {
    await redis.select(db);
    const pipe = redis.pipeline();
    for (const e of entries.filter((x) => x.db === db)) writeFixtureEntry(pipe, e);
    await exec(pipe);
  }
  return entries.length;
}

/**
 * @param {Pipeline} pipe
 * @param {FixtureEntry} e
 */
function writeFixtureEntry(pipe, e) {
  const key = b64(e.key);
  switch (e.type) {
    case "string":
      pipe.set(key, b64(e.value));
      break;
    case "list":
      pipe.rpush(key, ...e.value.map(b64));
      break;
    case "set":
      pipe.sadd(key, ...e.value.map(b64));
      break;
    case "hash":
      pipe.hset(
        key,
        ...e.value.flatMap((/** @type {[string, string]} */ [f, v]) => [b64(f), b64(v)]),
      );
      break;
    case "zset":
      pipe.zadd(
        key,
        ...e.value.flatMap((/** @type {[string, number]} */ [m, score]) => [String(score), b64(m)]),
      );
      break;
    default:
      throw new Error(`fixture: unsupported type ${e.type}`);
  }
  if (e.ttl > 0) pipe.expire(key, e.ttl);
}
