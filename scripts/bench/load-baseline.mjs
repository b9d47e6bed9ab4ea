// The "load" section's baselines, each run as its own process (as Keyscope is) by load.mjs:
//   node load-baseline.mjs api <redisPort>   the three browsing requests with bare node:http +
//                                            ioredis, sending Redis the very commands Keyscope
//                                            sends for them (recorded with MONITOR)
//   node load-baseline.mjs bare              /api/health's answer from a bare node:http server
//   node load-baseline.mjs floor <dir>       a built Next app (load-floor/: one empty route
//                                            handler) behind node:http, as scripts/server.mjs
//                                            serves Keyscope: Next's own floor
// Each prints `listening <port>` once it listens on a free loopback port.
import { createServer } from "node:http";
import { Redis } from "ioredis";
import { SCAN_WITH_META_LUA } from "../../lib/redis/scan-script.mjs";
import { freePort } from "../lib/redis-server.mjs";

const [mode, arg] = process.argv.slice(2);

/** @typedef {(url: URL) => Promise<unknown>} Route */

/** @param {import("node:http").ServerResponse} res @param {number} status @param {unknown} body */
function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

/** @param {Record<string, Route>} routes */
function serve(routes) {
  listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://baseline");
    const route = routes[url.pathname];
    if (!route) return send(res, 404, { error: { code: "NOT_FOUND", message: url.pathname } });
    route(url).then(
      (body) => send(res, 200, body),
      (/** @type {Error} */ e) =>
        send(res, 500, { error: { code: "INTERNAL", message: e.message } }),
    );
  });
}

/** @param {import("node:http").RequestListener} handler */
function listen(handler, port = 0) {
  const server = createServer(handler);
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
  });
}

if (mode === "floor") {
  const { default: next } = await import("next");
  const port = await freePort();
  const app = next({ dev: false, dir: arg, hostname: "127.0.0.1", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  listen((req, res) => handle(req, res), port);
} else if (mode === "bare") {
  serve({ "/api/health": async () => ({ ok: true, version: "0.1.0" }) });
} else if (mode === "api") {
  const redis = new Redis({ host: "127.0.0.1", port: Number(arg), protocol: 2 });
  redis.on("error", () => {});
  const sha = /** @type {string} */ (await redis.script("LOAD", SCAN_WITH_META_LUA));
  /** @param {Buffer} b */
  const text = (b) => b.toString("utf8");
  /** @param {URL} url */
  const keyOf = (url) => Buffer.from(url.searchParams.get("key") ?? "", "utf8");

  /** @type {Record<string, string>} */
  const LENGTH = { string: "STRLEN", hash: "HLEN", list: "LLEN", set: "SCARD", zset: "ZCARD" };

  serve({
    // A key page: SCAN steps of 2,000 with TYPE and PTTL in Lua until `count` keys or 150 ms,
    // and DBSIZE, as lib/redis/scan.ts does for a filtered page with metadata.
    "/keys": async (url) => {
      const count = Number(url.searchParams.get("count") ?? 500);
      const match = url.searchParams.get("match") ?? "";
      const dbsize = redis.dbsize();
      /** @type {{ key: string, type: string, ttl: number }[]} */
      const keys = [];
      let cursor = "0";
      const started = Date.now();
      do {
        const [next, names, types, ttls] = /** @type {[Buffer, Buffer[], Buffer, Buffer]} */ (
          await redis.callBuffer("EVALSHA", sha, 0, cursor, 2000, match, "")
        );
        const t = text(types).split(",");
        const p = text(ttls).split(",");
        names.forEach((name, i) => {
          const pttl = Number(p[i]);
          keys.push({ key: text(name), type: t[i] ?? "none", ttl: pttl < 0 ? pttl : pttl / 1000 });
        });
        cursor = text(next);
      } while (cursor !== "0" && keys.length < count && Date.now() - started < 150);
      return { cursor, keys, dbsize: await dbsize };
    },
    // Key details: TYPE and PTTL, then OBJECT ENCODING, MEMORY USAGE and the length.
    "/key": async (url) => {
      const key = keyOf(url);
      const [type, pttl] = await Promise.all([redis.type(key), redis.pttl(key)]);
      const command = LENGTH[type];
      const [encoding, memoryBytes, length] = await Promise.all([
        redis.object("ENCODING", key),
        redis.call("MEMORY", "USAGE", key),
        command ? redis.call(command, key) : null,
      ]);
      return {
        key: text(key),
        type,
        ttl: pttl < 0 ? pttl : pttl / 1000,
        encoding,
        memoryBytes,
        length,
      };
    },
    // A value's first page: TYPE, then one MULTI with TYPE, the length and the page.
    "/value": async (url) => {
      const key = keyOf(url);
      const type = await redis.type(key);
      const m = redis.multi().type(key);
      if (type === "string") m.strlen(key).getrangeBuffer(key, 0, 65535);
      else if (type === "hash") m.hscanBuffer(key, "0", "COUNT", 100).hlen(key);
      else if (type === "list") m.llen(key).lrangeBuffer(key, 0, 99);
      else if (type === "set") m.sscanBuffer(key, "0", "COUNT", 100).scard(key);
      else if (type === "zset") m.zcard(key).zrangeBuffer(key, "0", "99", "WITHSCORES");
      const replies = (await m.exec()) ?? [];
      /** @param {unknown} v @returns {unknown} */
      const json = (v) => (Buffer.isBuffer(v) ? text(v) : Array.isArray(v) ? v.map(json) : v);
      return { type, replies: replies.map(([, v]) => json(v)) };
    },
  });
} else {
  console.error("usage: load-baseline.mjs api <redisPort> | bare | floor <dir>");
  process.exit(2);
}
