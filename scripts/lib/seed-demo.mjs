// Fills an empty, throwaway Redis with what a busy Python web app leaves behind: Django caches
// and sessions, a Celery broker and result backend, app data of every type, a hundred thousand
// small keys, awkward binary keys and (optionally) a few very big keys. `npm run demo` and the
// tests use it. Data is generated from a fixed seed, so two runs look the same apart from
// timestamps; everything goes through pipelines so the whole seed takes seconds, not minutes.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { PyFloat, PyObject, PyTuple, pickle, pyJson, pyRepr } from "./python-formats.mjs";

export const FIXTURE_URL = new URL("../../fixtures/python-apps.json", import.meta.url);

/**
 * @typedef {import("ioredis").Redis} Redis
 * @typedef {ReturnType<Redis["pipeline"]>} Pipeline
 * @typedef {{ db: number, key: string, type: string, ttl: number, value: any, mustShow: string[] }} FixtureEntry
 * @typedef {{ redis: Redis, rng: Rng, now: number }} Ctx
 */

/** The entries of fixtures/python-apps.json (keys and values still base64). */
export function loadFixture() {
  /** @type {{ keys: FixtureEntry[] }} */
  const json = JSON.parse(readFileSync(FIXTURE_URL, "utf8"));
  return json.keys;
}

/**
 * @param {Redis} redis an ioredis client; it is left on the db it was configured with
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

  let keys = 0;
  try {
    for (const [db, name, seed] of sections) {
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

/** Seeding a Redis that holds data would mix demo keys into it: only empty ones are seeded. */
async function assertEmpty(redis) {
  const DBS = [...new Set([0, 1, 2, ...loadFixture().map((e) => e.db)])];
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

/** Every entry of fixtures/python-apps.json, byte for byte, in its own db with its TTL. */
async function seedFixture({ redis }) {
  const entries = loadFixture();
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
      pipe.hset(key, ...e.value.flatMap(([f, v]) => [b64(f), b64(v)]));
      break;
    case "zset":
      pipe.zadd(key, ...e.value.flatMap(([m, score]) => [String(score), b64(m)]));
      break;
    default:
      throw new Error(`fixture: unsupported type ${e.type}`);
  }
  if (e.ttl > 0) pipe.expire(key, e.ttl);
}

/**
 * django-redis cache entries as `cache_page`, the `{% cache %}` tag and `cache.set` write them:
 * keys `:1:<key>` and pickled values.
 */
async function seedDjangoCache({ redis, rng, now }) {
  const w = writer(redis);
  const paths = [
    "/",
    "/pricing/",
    "/about/",
    "/blog/",
    ...range(60).map((i) => `/blog/${slug(rng)}-${i}/`),
    ...range(60).map((i) => `/products/${1000 + i}/`),
    ...range(26).map((i) => `/docs/${pick(rng, DOC_SECTIONS)}/${i}/`),
  ];
  let keys = 0;
  for (const path of paths) {
    // cache_page keys: md5 of the absolute URL, then md5 of the Vary header values.
    const urlHash = md5(`https://shop.example.com${path}`);
    const vary = rng.next() < 0.7 ? [] : ["HTTP_COOKIE"];
    const varyHash = md5(vary.length ? `sessionid=${rng.alnum(32)}` : "");
    const ttl = rng.int(60, 3600);
    const suffix = "en-us.UTC";
    await w.add((p) => {
      p.set(
        `:1:views.decorators.cache.cache_header..${urlHash}.${suffix}`,
        pickle(vary),
        "EX",
        ttl,
      );
      p.set(
        `:1:views.decorators.cache.cache_page..GET.${urlHash}.${varyHash}.${suffix}`,
        pickle(httpResponse(path, ttl, now)),
        "EX",
        ttl,
      );
    });
    keys += 2;
  }
  for (let i = 0; i < 80; i++) {
    const fragment = pick(rng, ["sidebar", "footer", "nav", "product_card", "recent_posts"]);
    // The tag's key is md5 of its vary_on values; `i` keeps the 80 keys distinct.
    const varyOn = fragment === "product_card" ? String(1000 + i) : `user:${i + 1}`;
    const html = `<div class="${fragment.replace("_", "-")}">…${rng.alnum(12)}…</div>`;
    const value = pickle(new PyObject("django.utils.safestring", "SafeString", [html]));
    await w.add((p) =>
      p.set(`:1:template.cache.${fragment}.${md5(varyOn)}`, value, "EX", rng.int(60, 3600)),
    );
    keys++;
  }
  // Plain cache.set values of several Python types, as a view's low-level caching would leave.
  for (let i = 0; i < 120; i++) {
    const id = 100 + i;
    const value = {
      id,
      name: `${pick(rng, ADJECTIVES)} ${pick(rng, PRODUCTS)}`,
      price: new PyFloat(rng.int(199, 49999) / 100),
      tags: [pick(rng, ADJECTIVES).toLowerCase(), "sale"],
      updated: new Date(now - rng.int(0, 30 * 86400) * 1000),
    };
    await w.add((p) => p.set(`:1:product:${id}`, pickle(value), "EX", rng.int(60, 3600)));
    keys++;
  }
  await w.flush();
  return keys;
}

/** A pickled `django.http.HttpResponse`, shaped like the fixture's cache_page entry. */
function httpResponse(path, maxAge, now) {
  const header = (name, value) => new PyTuple([name, value]);
  const headers = new PyObject("django.http.response", "ResponseHeaders", [], {
    _store: {
      "content-type": header("Content-Type", "text/html; charset=utf-8"),
      expires: header("Expires", new Date(now + maxAge * 1000).toUTCString()),
      "cache-control": header("Cache-Control", `max-age=${maxAge}`),
    },
  });
  return new PyObject("django.http.response", "HttpResponse", [], {
    headers,
    _charset: null,
    _resource_closers: [],
    _handler_class: null,
    cookies: new PyObject("http.cookies", "SimpleCookie"),
    closed: false,
    _reason_phrase: null,
    _container: [Buffer.from(`<html><body><h1>${path}</h1><p>Rendered page.</p></body></html>`)],
  });
}

/** Cache-backed sessions (SESSION_ENGINE = "django.contrib.sessions.backends.cache"). */
async function seedDjangoSessions({ redis, rng, now }) {
  const w = writer(redis);
  const n = 300;
  for (let i = 0; i < n; i++) {
    const session = rng.next() < 0.75 ? loggedInSession(rng, now) : anonymousSession(rng);
    const key = `:1:django.contrib.sessions.cache${rng.alnum(32)}`;
    await w.add((p) => p.set(key, pickle(session), "EX", 1209600));
  }
  await w.flush();
  return n;
}

function loggedInSession(rng, now) {
  return {
    _auth_user_id: String(rng.int(1, 2000)),
    _auth_user_backend: "django.contrib.auth.backends.ModelBackend",
    _auth_user_hash: rng.hex(64),
    cart: range(rng.int(0, 4)).map(() => `${pick(rng, PRODUCTS).toLowerCase()}-${rng.int(1, 99)}`),
    last_visit: new Date(now - rng.int(0, 14 * 86400) * 1000),
  };
}

function anonymousSession(rng) {
  return { django_language: pick(rng, ["en", "de", "fr", "ja"]), visits: rng.int(1, 40) };
}

/**
 * A Celery app on kombu's Redis transport: the default queue (a list, LPUSHed by producers),
 * a priority sub-queue `<queue>\x06\x16<step>`, the exchange binding set, messages a worker has
 * prefetched (`unacked` + `unacked_index`) and `celery-task-meta-*` results.
 */
async function seedCelery({ redis, rng, now }) {
  const w = writer(redis, 200);
  const producer = { origin: `${rng.int(1000, 99999)}@web-1`, replyTo: rng.uuid() };
  const queued = range(200).map(() => celeryMessage(rng, producer, "celery", 0, now));
  // Producers LPUSH and workers BRPOP, so the oldest message is on the right.
  await w.add((p) => p.lpush("celery", ...queued.map((m) => pyJson(m))));
  const urgent = range(12).map(() => celeryMessage(rng, producer, "celery", 3, now));
  await w.add((p) => p.lpush("celery\x06\x163", ...urgent.map((m) => pyJson(m))));
  await w.add((p) => p.sadd("_kombu.binding.celery", "celery\x06\x16\x06\x16celery"));

  for (const m of range(4).map(() => celeryMessage(rng, producer, "celery", 0, now))) {
    const tag = m.properties.delivery_tag;
    await w.add((p) => {
      p.hset("unacked", tag, pyJson([m, "", "celery"]));
      p.zadd("unacked_index", String((now - rng.int(1, 300_000)) / 1000), tag);
    });
  }

  const results = 150;
  for (let i = 0; i < results; i++) {
    const id = rng.uuid();
    const meta = rng.next() < 0.1 ? failedResult(rng, id, now) : successResult(rng, id, now);
    await w.add((p) => p.set(`celery-task-meta-${id}`, pyJson(meta), "EX", 86400));
  }
  await w.flush();
  return 5 + results;
}

/** A kombu message envelope exactly as Celery 5 protocol 2 sends it (see the fixture). */
function celeryMessage(rng, producer, queue, priority, now) {
  const id = rng.uuid();
  const [task, args, kwargs] = celeryTask(rng);
  const body = [args, kwargs, { callbacks: null, errbacks: null, chain: null, chord: null }];
  const eta = rng.next() < 0.1 ? isoPy(now + rng.int(60, 3600) * 1000) : null;
  return {
    body: Buffer.from(pyJson(body)).toString("base64"),
    "content-encoding": "utf-8",
    "content-type": "application/json",
    headers: {
      lang: "py",
      task,
      id,
      shadow: null,
      eta,
      expires: null,
      group: null,
      group_index: null,
      retries: rng.next() < 0.05 ? rng.int(1, 3) : 0,
      timelimit: [null, null],
      root_id: id,
      parent_id: null,
      argsrepr: pyRepr(new PyTuple(args)),
      kwargsrepr: pyRepr(kwargs),
      origin: producer.origin,
      ignore_result: false,
      replaced_task_nesting: 0,
      stamped_headers: null,
      stamps: {},
    },
    properties: {
      correlation_id: id,
      reply_to: producer.replyTo,
      delivery_mode: 2,
      delivery_info: { exchange: "", routing_key: queue },
      priority,
      body_encoding: "base64",
      delivery_tag: rng.uuid(),
    },
  };
}

/** @returns {[string, unknown[], Record<string, unknown>]} */
function celeryTask(rng) {
  const user = rng.int(1, 2000);
  switch (rng.int(0, 4)) {
    case 0:
      return ["app.tasks.send_email", [user], { template: pick(rng, ["welcome", "receipt"]) }];
    case 1:
      return ["app.tasks.resize_image", [rng.int(1, 90000)], { sizes: [64, 256, 1024] }];
    case 2:
      return ["app.tasks.sync_stripe_customer", [`cus_${rng.alnum(14)}`], {}];
    case 3:
      return ["app.tasks.generate_invoice_pdf", [user, rng.int(1, 50000)], { email: true }];
    default:
      return ["app.tasks.cleanup_expired_carts", [], { older_than_days: 30 }];
  }
}

function successResult(rng, id, now) {
  return {
    status: "SUCCESS",
    result: { sent: true, to: `${pick(rng, FIRST_NAMES).toLowerCase()}@example.org` },
    traceback: null,
    children: [],
    date_done: isoPy(now - rng.int(0, 86_000) * 1000),
    task_id: id,
  };
}

function failedResult(rng, id, now) {
  const message = pick(rng, ["image too large", "SMTP server unavailable", "card_declined"]);
  return {
    status: "FAILURE",
    result: { exc_type: "ValueError", exc_message: [message], exc_module: "builtins" },
    traceback: `Traceback (most recent call last):\n  File "/app/app/tasks.py", line ${rng.int(20, 400)}, in run\n    raise ValueError(${pyRepr(message)})\nValueError: ${message}\n`,
    children: [],
    date_done: isoPy(now - rng.int(0, 86_000) * 1000),
    task_id: id,
  };
}

/** App data of every Redis type: user hashes, a leaderboard, an event stream, a set, a list. */
async function seedAppData({ redis, rng, now }) {
  const w = writer(redis, 500);
  const users = 2000;
  for (let id = 1; id <= users; id++) {
    const first = pick(rng, FIRST_NAMES);
    const last = pick(rng, LAST_NAMES);
    const created = now - rng.int(1, 900) * 86400_000;
    const fields = {
      name: `${first} ${last}`,
      email: `${first}.${last}${id}@example.com`.toLowerCase(),
      plan: weightedPick(rng, [
        ["free", 70],
        ["pro", 22],
        ["team", 6],
        ["enterprise", 2],
      ]),
      created_at: new Date(created).toISOString(),
      last_login: new Date(created + rng.next() * (now - created)).toISOString(),
    };
    await w.add((p) => p.hset(`app:user:${id}`, fields));
  }

  // Scores are skewed like real game points: a few very high, most low.
  const members = 10_000;
  for (let start = 0; start < members; start += 1000) {
    const args = range(1000).flatMap((i) => [
      String(Math.floor(10_000 * -Math.log(1 - rng.next() * 0.9999))),
      `user:${start + i + 1}`,
    ]);
    await w.add((p) => p.zadd("app:leaderboard:weekly", ...args));
  }

  const onlineIds = range(300).map(() => String(rng.int(1, users)));
  await w.add((p) => p.sadd("app:online", ...onlineIds));
  const recent = range(100).map((i) =>
    pyJson({
      at: new Date(now - i * 37_000).toISOString(),
      user: rng.int(1, users),
      action: pick(rng, ACTIONS),
    }),
  );
  await w.add((p) => p.rpush("app:recent", ...recent));
  await w.flush();

  await seedEventStream(redis, rng, now);
  return users + 4;
}

/**
 * `app:events`: 5,000 entries spread over the last two days (explicit IDs, so the stream reads
 * like history), and a consumer group `workers` whose two consumers read most of it but left
 * some entries unacknowledged, so XPENDING has something to show.
 */
async function seedEventStream(redis, rng, now) {
  const w = writer(redis, 1000);
  const entries = 5000;
  // Gaps of 1-59 s, laid out so that the newest entry is a minute old, never in the future.
  const gaps = range(entries).map(() => rng.int(1_000, 59_000));
  let ms = now - 60_000 - gaps.reduce((sum, gap) => sum + gap, 0);
  for (const gap of gaps) {
    ms += gap;
    const type = pick(rng, ACTIONS);
    const payload = pyJson({
      path: pick(rng, ["/", "/pricing/", "/cart/", "/checkout/"]),
      ms: rng.int(3, 900),
    });
    const id = `${ms}-0`;
    await w.add((p) =>
      p.xadd(
        "app:events",
        id,
        "type",
        type,
        "user",
        `user:${rng.int(1, 2000)}`,
        "payload",
        payload,
      ),
    );
  }
  await w.flush();

  await redis.xgroup("CREATE", "app:events", "workers", "0");
  /** Reads `count` new entries for `consumer` without acknowledging them; returns their IDs. */
  const read = async (consumer, count) => {
    const args = ["GROUP", "workers", consumer, "COUNT", count, "STREAMS", "app:events", ">"];
    /** @type {[string, [string, string[]][]][]} [[stream, [[id, fields], …]]] */
    const reply = /** @type {any} */ (await redis.xreadgroup(...args));
    return reply[0]?.[1].map(([id]) => id) ?? [];
  };
  const first = await read("worker-a", 4900);
  await read("worker-b", 60);
  // worker-a acknowledged all but its last 30 entries; worker-b acknowledged none of its 60.
  await redis.xack("app:events", "workers", ...first.slice(0, -30));
}

/**
 * 100,000 small string keys in nested namespaces, many with TTLs: the volume that makes SCAN,
 * pagination and the tree view matter.
 */
async function seedVolume({ redis, rng }) {
  const w = writer(redis, 5000);
  /** @type {[number, (i: number) => [string, string, number]][]} ttl 0 = persistent */
  const groups = [
    [
      40_000,
      (i) => [
        `cache:product:${i}`,
        productJson(rng, i),
        rng.next() < 0.5 ? rng.int(600, 86400) : 0,
      ],
    ],
    [
      8_000,
      (i) => [`cache:user:${i}:profile`, pyJson({ id: i, avatar: `/a/${rng.hex(8)}.png` }), 3600],
    ],
    [
      2_000,
      (i) => [`cache:category:${pick(rng, CATEGORIES)}:page:${i}`, `[${rng.int(1, 40000)}]`, 900],
    ],
    [25_000, (i) => [`rate:ip:${ipFor(i)}`, String(rng.int(1, 120)), rng.int(30, 3600)]],
    [5_000, (i) => [`rate:api:${rng.hex(16)}:${Math.floor(i / 50)}`, String(rng.int(1, 1000)), 60]],
    [10_000, (i) => [`sess:web:${rng.hex(32)}`, pyJson({ uid: rng.int(1, 2000), n: i }), 86400]],
    [
      9_900,
      (i) => [`cdn:asset:img:products:${i}:${pick(rng, ["thumb", "full"])}`, `"${rng.hex(32)}"`, 0],
    ],
    [100, (i) => [`lock:job:${i}`, rng.uuid(), rng.int(5, 120)]],
  ];
  let keys = 0;
  for (const [count, make] of groups) {
    for (let i = 0; i < count; i++) {
      const [key, value, ttl] = make(i);
      await w.add((p) => (ttl ? p.set(key, value, "EX", ttl) : p.set(key, value)));
    }
    keys += count;
  }
  await w.flush();
  return keys;
}

/** Keys that are hard to show, type, copy or put in a URL, and values that are not text. */
async function seedOddKeys({ redis, rng }) {
  /** @type {[Buffer | string, Buffer | string][]} */
  const strings = [
    [Buffer.from([0xff, 0xfe, 0x00, 0x41]), "value of a key that is not UTF-8"],
    // msgpack of ["user", 300]: some apps build keys from serialised tuples.
    [
      Buffer.from([0x92, 0xa4, 0x75, 0x73, 0x65, 0x72, 0xcd, 0x01, 0x2c]),
      Buffer.from([
        0x82, 0xa2, 0x69, 0x64, 0xcd, 0x01, 0x2c, 0xa4, 0x6e, 0x61, 0x6d, 0x65, 0xa3, 0x41, 0x64,
        0x61,
      ]),
    ],
    ["key with spaces", "a key with spaces"],
    ["key with\nnewline", "a key with a line break"],
    ["key\twith\ttabs", "tabs"],
    ["url:/search?q=redis&page=2#top%20", "a key with /?&#%"],
    ["ключ:🗝", "значение 🔑"],
    ["", "the empty key"],
    [Buffer.from("null\x00byte:key", "latin1"), "a key with a NUL byte"],
    [
      Buffer.from("caf\xe9:latin1", "latin1"),
      Buffer.from("Latin-1 text: caf\xe9 cr\xe8me br\xfbl\xe9e", "latin1"),
    ],
    [`long:${"x".repeat(1000)}`, "a 1 kB key"],
    ["bin:png", ONE_PIXEL_PNG],
    [
      "bin:utf16",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("UTF-16 text ✓", "utf16le")]),
    ],
    ["bin:zeros", Buffer.alloc(64)],
    ["bin:random:4k", rng.bytes(4096)],
    ["bin:lz4:frame", Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18]), rng.bytes(40)])],
    ["bin:int64", Buffer.from(new BigInt64Array([-42n, 1700000000000n]).buffer)],
  ];
  const pipe = redis.pipeline();
  for (const [key, value] of strings) pipe.set(key, value);
  pipe.hset(
    "bin:hash",
    Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    rng.bytes(16),
    "text",
    "plain",
    "ключ",
    "значение",
  );
  pipe.sadd("bin:set", Buffer.from([0x00]), Buffer.from([0xff, 0xff]), "plain", "🗝");
  pipe.zadd(
    "bin:zset",
    "1",
    Buffer.from([0xc3, 0x28]),
    "2",
    "plain",
    "-inf",
    "minus infinity",
    "3.25",
    "🗝",
  );
  pipe.rpush("bin:list", Buffer.from([0x80, 0x04, 0x88, 0x2e]), rng.bytes(32), "", "plain");
  await exec(pipe);
  return strings.length + 4;
}

/** db 1: a second Django site's cache (the fixture already puts `:1:hits` and `:1:menu` here). */
async function seedDb1({ redis, rng, now }) {
  const w = writer(redis);
  const n = 500;
  for (let i = 0; i < n; i++) {
    const value = {
      title: `${pick(rng, ADJECTIVES)} article ${i}`,
      published: new Date(now - i * 3_600_000),
      views: rng.int(0, 90000),
    };
    await w.add((p) => p.set(`:1:blog:article:${i}`, pickle(value), "EX", rng.int(600, 7200)));
  }
  await w.flush();
  return n;
}

/** db 2: a second Celery queue beside the fixture's broker keys. */
async function seedDb2({ redis, rng, now }) {
  const producer = { origin: `${rng.int(1000, 99999)}@worker-reports`, replyTo: rng.uuid() };
  const messages = range(30).map(() => pyJson(celeryMessage(rng, producer, "reports", 0, now)));
  await exec(
    redis
      .pipeline()
      .lpush("reports", ...messages)
      .sadd("_kombu.binding.reports", "reports\x06\x16\x06\x16reports"),
  );
  return 2;
}

// Keys big enough to break a naive dashboard, each written in bounded pieces.

/** A hash with a million fields: 1,000 HSETs of 1,000 fields, 20 per pipeline. */
async function seedBigHash({ redis, rng }) {
  const w = writer(redis, 20);
  for (let start = 0; start < 1_000_000; start += 1000) {
    const args = [];
    for (let i = start; i < start + 1000; i++) args.push(`field:${i}`, `value-${i}-${rng.hex(6)}`);
    await w.add((p) => p.hset("big:hash:1m", ...args));
  }
  await w.flush();
  return 1;
}

/** A list and a sorted set of 100,000 items each, 1,000 per command. */
async function seedBigListAndZset({ redis, rng }) {
  const w = writer(redis, 20);
  for (let start = 0; start < 100_000; start += 1000) {
    const items = range(1000).map((i) => pyJson({ n: start + i, at: rng.int(1e9, 2e9) }));
    const members = range(1000).flatMap((i) => [String(rng.int(0, 1e9)), `member:${start + i}`]);
    await w.add((p) => p.rpush("big:list:100k", ...items).zadd("big:zset:100k", ...members));
  }
  await w.flush();
  return 2;
}

/** A 20 MB string of log lines, appended 1 MB at a time so it never exists here in one piece. */
async function seedBigString({ redis }) {
  const chunk = Buffer.alloc(1 << 20);
  chunk.fill("2024-01-02T03:04:05Z INFO app.request GET /api/items 200 12ms\n");
  for (let i = 0; i < 20; i++) {
    chunk.write(`--- chunk ${String(i).padStart(2, "0")} ---\n`, 0);
    // Awaited one at a time because the same buffer is rewritten for the next chunk.
    await redis.append("big:string:20mb", chunk);
  }
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Pipelines

/**
 * Queues commands and sends them as pipelines of `size` calls. One pipeline is on the wire
 * while the next is being built, so encoding overlaps the round trip, and at most two are
 * held in memory.
 * @param {Redis} redis
 */
function writer(redis, size = 1000) {
  let pipe = redis.pipeline();
  let queued = 0;
  /** @type {Promise<unknown>} */
  let inFlight = Promise.resolve();
  let failure = null;

  const send = () => {
    const sent = exec(pipe);
    // Remember a failure now; it is rethrown from the next add() or flush().
    sent.catch((err) => {
      failure ??= err;
    });
    const previous = inFlight;
    inFlight = sent;
    pipe = redis.pipeline();
    queued = 0;
    return previous;
  };

  return {
    /** @param {(p: Pipeline) => unknown} queue */
    add(queue) {
      if (failure) throw failure;
      queue(pipe);
      if (++queued >= size) return send();
    },
    async flush() {
      if (queued > 0) send();
      await inFlight.catch(() => {});
      if (failure) throw failure;
    },
  };
}

/** Runs a pipeline and throws the first command error instead of returning it. */
async function exec(pipe) {
  const results = (await pipe.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
  return results.map(([, value]) => value);
}

// ---------------------------------------------------------------------------------------------
// Small helpers and word lists

/** A small, fast, seeded PRNG (mulberry32): the demo data is the same on every run. */
function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const chars = (n, alphabet) => {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const hex = (n) => chars(n, "0123456789abcdef");
  return {
    next,
    int,
    hex,
    alnum: (n) => chars(n, "abcdefghijklmnopqrstuvwxyz0123456789"),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${chars(1, "89ab")}${hex(3)}-${hex(12)}`,
    bytes: (n) => Buffer.from(range(n).map(() => int(0, 255))),
  };
}
/** @typedef {ReturnType<typeof makeRng>} Rng */

/** @template T @param {Rng} rng @param {readonly T[]} items @returns {T} */
function pick(rng, items) {
  return /** @type {T} */ (items[Math.floor(rng.next() * items.length)]);
}

/** @param {Rng} rng @param {[string, number][]} weighted */
function weightedPick(rng, weighted) {
  let r = rng.next() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of weighted) {
    r -= w;
    if (r < 0) return item;
  }
  return weighted[0]?.[0] ?? "";
}

const range = (n) => Array.from({ length: n }, (_, i) => i);
const b64 = (s) => Buffer.from(s, "base64");
const md5 = (s) => createHash("md5").update(s).digest("hex");
const slug = (rng) => `${pick(rng, ADJECTIVES)}-${pick(rng, PRODUCTS)}`.toLowerCase();
const elapsed = (t) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

/** A Python-style UTC ISO timestamp with microseconds, as Celery writes them. */
function isoPy(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

/** Distinct, plausible IPv4 addresses (10.x private range and a few public-looking ones). */
function ipFor(i) {
  return `${i % 7 === 0 ? 203 : 10}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function productJson(rng, id) {
  return pyJson({
    id,
    name: `${pick(rng, ADJECTIVES)} ${pick(rng, PRODUCTS)}`,
    price: rng.int(199, 49999) / 100,
    stock: rng.int(0, 500),
  });
}

const FIRST_NAMES = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Ken",
  "Margaret",
  "Linus",
  "Guido",
  "Radia",
  "Donald",
  "Frances",
  "Tim",
  "Hedy",
  "Dennis",
  "Katherine",
];
const LAST_NAMES = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Thompson",
  "Hamilton",
  "Torvalds",
  "Rossum",
  "Perlman",
  "Knuth",
  "Allen",
  "Berners-Lee",
  "Lamarr",
  "Ritchie",
  "Johnson",
];
const ADJECTIVES = [
  "Classic",
  "Compact",
  "Deluxe",
  "Ergonomic",
  "Handmade",
  "Modern",
  "Rustic",
  "Sleek",
  "Vintage",
  "Wireless",
];
const PRODUCTS = [
  "Chair",
  "Desk",
  "Lamp",
  "Mug",
  "Notebook",
  "Pen",
  "Backpack",
  "Keyboard",
  "Headphones",
  "Bottle",
];
const CATEGORIES = ["office", "kitchen", "audio", "travel", "garden"];
const DOC_SECTIONS = ["api", "guides", "faq", "changelog"];
const ACTIONS = ["page_view", "search", "signup", "login", "add_to_cart", "purchase", "logout"];

const ONE_PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
