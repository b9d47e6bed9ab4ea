// Section "decode": what decoding costs, on data generated into a throwaway redis-server:
//  - a page of 200 Celery messages (kombu JSON envelopes, base64 JSON bodies, as the fixture's
//    real ones) read with `decode=1`, against the same page without decoding through Keyscope
//    and against a bare ioredis loop doing the least decoding work (LRANGE, JSON.parse of each
//    envelope, base64 and JSON.parse of each body) — target p50 < 100 ms;
//  - a 1 MiB pickle (a list of 18,500 dicts, protocol 4: just under the 1 MiB a value read may take) with `decode=1` against the same value
//    read whole without decoding (`limit` = its length) — target < 50 ms for the decoding (the
//    difference: reading, rendering and sending the tree);
//  - a decompression bomb (256 MiB of zeros, gzip) with `decode=1`: time (< 500 ms) and
//    Keyscope's RSS growth (< 50 MiB).
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { checksTable, log, median, ms1, ratio, root, runInfoLine, secs } from "./util.mjs";
import { rssSampler } from "./values-data.mjs";

const RUNS = 30;
const PAGE_TARGET_MS = 100;
const PICKLE_TARGET_MS = 50;
const BOMB_TARGET_MS = 500;
const BOMB_RSS_TARGET_MIB = 50;

/** 200 envelopes made from the fixture's real Celery message, each with its own id and args. */
function celeryMessages() {
  const fixture = JSON.parse(readFileSync(join(root, "fixtures", "python-apps.json"), "utf8"));
  const entry = fixture.keys.find(
    (/** @type {{key: string, type: string}} */ k) =>
      k.type === "list" && Buffer.from(k.key, "base64").toString() === "celery",
  );
  const template = JSON.parse(Buffer.from(entry.value[0], "base64").toString());
  return Array.from({ length: 200 }, (_, i) => {
    const m = structuredClone(template);
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    m.headers.id = id;
    m.headers.root_id = id;
    m.properties.correlation_id = id;
    const body = [
      [`image-${i}.png`, 640 + i],
      { owner: `user${i}@example.org` },
      { callbacks: null, errbacks: null, chain: null, chord: null },
    ];
    m.body = Buffer.from(JSON.stringify(body)).toString("base64");
    return JSON.stringify(m);
  });
}

/** A protocol-4 pickle of [{"id": i, "name": "item-i", "score": i * 3, "tags": ["a", "b"]}, …]. */
function bigPickle(count = 18_500) {
  const parts = [Buffer.from([0x80, 0x04, 0x5d])]; // PROTO 4, EMPTY_LIST
  const short = (/** @type {string} */ s) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from([0x8c, b.length]), b]); // SHORT_BINUNICODE
  };
  const int4 = (/** @type {number} */ n) => {
    const b = Buffer.alloc(5);
    b[0] = 0x4a; // BININT
    b.writeInt32LE(n, 1);
    return b;
  };
  for (let at = 0; at < count; at += 1000) {
    parts.push(Buffer.from([0x28])); // MARK
    for (let i = at; i < Math.min(count, at + 1000); i++) {
      parts.push(Buffer.from([0x7d, 0x28])); // EMPTY_DICT, MARK
      parts.push(
        short("id"),
        int4(i),
        short("name"),
        short(`item-${i}`),
        short("score"),
        int4(i * 3),
      );
      parts.push(
        short("tags"),
        Buffer.from([0x5d, 0x28]),
        short("a"),
        short("b"),
        Buffer.from([0x65]),
      ); // EMPTY_LIST MARK … APPENDS
      parts.push(Buffer.from([0x75])); // SETITEMS
    }
    parts.push(Buffer.from([0x65])); // APPENDS
  }
  parts.push(Buffer.from([0x2e])); // STOP
  return Buffer.concat(parts);
}

/** @param {() => Promise<unknown>} fn */
async function timed(fn, runs = RUNS) {
  for (let i = 0; i < 3; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** @param {string} url */
async function getOk(url) {
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function decodeSection(ctx) {
  const started = Date.now();
  const build = await ctx.ensureBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  const messages = celeryMessages();
  await admin.rpush("celery", ...messages);
  const pickle = bigPickle();
  await admin.set("pickle:big", pickle);
  const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024));
  await admin.set("bomb:gzip", bomb);
  log(`decode: pickle ${(pickle.length / 1048576).toFixed(2)} MiB, bomb ${bomb.length} bytes gzip`);
  const app = await ctx.startKeyscope(redis.url);
  const value = (/** @type {string} */ key, extra = "") =>
    `${app.base}/api/connections/default/db/0/key/value?key=${encodeURIComponent(key)}${extra}`;

  const page = await getOk(value("celery", "&count=200&decode=1"));
  const decodedCount = (page.decoded ?? []).filter(
    (/** @type {any} */ d) => d?.format === "celery-message",
  ).length;
  const pageDecoded = await timed(() => getOk(value("celery", "&count=200&decode=1")));
  const pageRaw = await timed(() => getOk(value("celery", "&count=200")));
  const bare = await timed(async () => {
    const items = await admin.lrangeBuffer("celery", 0, 199);
    for (const item of items) {
      const m = JSON.parse(item.toString());
      JSON.parse(Buffer.from(m.body, "base64").toString());
    }
  });

  const pickled = await getOk(value("pickle:big", "&decode=1"));
  const pickleDecoded = await timed(() => getOk(value("pickle:big", "&decode=1")), 15);
  // Baseline: the same value read whole without decoding (what showing all of it takes).
  const pickleRaw = await timed(() => getOk(value("pickle:big", `&limit=${pickle.length}`)), 15);
  const pickleWindow = await timed(() => getOk(value("pickle:big")), 15);
  const pickleCost = pickleDecoded - pickleRaw;

  const rss = rssSampler(() => app.serverPids());
  const rssBefore = rss.stop();
  const sampler = rssSampler(() => app.serverPids());
  const t = performance.now();
  const bombAnswer = await getOk(value("bomb:gzip", "&decode=1"));
  const bombMs = performance.now() - t;
  const bombPeak = sampler.stop();
  const bombGrowthMiB = Math.max(0, bombPeak - rssBefore) / 1024;

  const checks = [
    {
      name: "200 Celery messages decoded (of 200)",
      value: String(decodedCount),
      pass: decodedCount === 200,
      error: decodedCount !== 200,
    },
    {
      name: "Page of 200 messages, `decode=1`: p50",
      value: ms1(pageDecoded),
      target: `< ${PAGE_TARGET_MS} ms`,
      pass: pageDecoded < PAGE_TARGET_MS,
    },
    {
      name: "… the same page without decoding (Keyscope)",
      value: `${ms1(pageRaw)} (decoded ${ratio(pageDecoded / pageRaw)})`,
    },
    {
      name: "… bare ioredis LRANGE + JSON.parse envelope and body",
      value: `${ms1(bare)} (decoded ${ratio(pageDecoded / bare)})`,
    },
    {
      name: "1 MiB pickle (18,500 dicts), `decode=1`: p50; read whole without decoding; its first 64 KiB window",
      value: `${ms1(pickleDecoded)}; ${ms1(pickleRaw)}; ${ms1(pickleWindow)} — ${pickled.decoded?.summary ?? "not decoded"}${pickled.decoded?.cut ? ` (cut: ${pickled.decoded.cut})` : ""}`,
    },
    {
      name: "… decoding's share (decoded − read whole)",
      value: ms1(pickleCost),
      target: `< ${PICKLE_TARGET_MS} ms`,
      pass: pickleCost < PICKLE_TARGET_MS && pickled.decoded?.format === "pickle",
      error: pickled.decoded?.format !== "pickle",
    },
    {
      name: "Bomb (256 MiB of zeros, gzip), `decode=1`",
      value: `${ms1(bombMs)}; ${bombAnswer.decoded?.summary ?? "not decoded"}${bombAnswer.decoded?.cut ? ` (cut: ${bombAnswer.decoded.cut})` : ""}`,
      target: `< ${BOMB_TARGET_MS} ms, cut`,
      pass: bombMs < BOMB_TARGET_MS && Boolean(bombAnswer.decoded?.cut),
      error: !bombAnswer.decoded?.cut,
    },
    {
      name: "… Keyscope RSS growth",
      value: `${bombGrowthMiB.toFixed(1)} MiB`,
      target: `< ${BOMB_RSS_TARGET_MIB} MiB`,
      pass: bombGrowthMiB < BOMB_RSS_TARGET_MIB,
    },
  ];
  const md = [
    "## Decoding (`GET …/key/value?decode=1`)",
    "",
    runInfoLine(ctx, build, redisVersion),
    "",
    ...checksTable(checks),
    "",
    `Medians of ${RUNS} runs after 3 warm-ups (15 for the pickle), one request at a time over HTTP/1.1. The messages are the fixture's real kombu envelope (fixtures/python-apps.json) with 200 ids and JSON bodies; the pickle is built by the bench (PROTO 4, MARK/APPENDS batches of 1,000 dicts) and its baseline is the same value read whole without decoding (\`limit\` = its length), the decoded read taking the first 64 KiB window plus the whole value for the decoder, and sending the rendering (256 KiB at most) and the tree (20,000 nodes at most); the bomb is \`gzip\` of 256 MiB of zeros (${bomb.length} bytes). RSS is the summed VmRSS of Keyscope's server processes, sampled every 20 ms during the bomb's request, against the reading just before it. Where the pickle's time goes: the reader and renderer take about 25 ms of it in-process (lib/decode/pickle/limits.test.ts); the rest is reading the value whole, turning the 20,000-node tree and its rendering into JSON (about 0.8 MB) and sending it, about what the read without decoding spends sending the value's 1 MiB as base64. The section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  ];
  return { markdown: md.join("\n"), checks };
}
