import { pickle, pyJson } from "../python-formats.mjs";
import { exec, writer } from "./pipeline.mjs";
import { celeryMessage } from "./python-apps.mjs";
import {
  ACTIONS,
  ADJECTIVES,
  CATEGORIES,
  FIRST_NAMES,
  ipFor,
  LAST_NAMES,
  ONE_PIXEL_PNG,
  pick,
  productJson,
  range,
  weightedPick,
} from "./words.mjs";

/**
 * @typedef {import("./pipeline.mjs").Ctx} Ctx
 * @typedef {import("./pipeline.mjs").Pipeline} Pipeline
 * @typedef {import("./pipeline.mjs").Redis} Redis
 * @typedef {import("./words.mjs").Rng} Rng
 * @param {Ctx} ctx
 */
export async function seedAppData({ redis, rng, now }) {
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
 * @param {Redis} redis
 * @param {Rng} rng
 * @param {number} now
 */
export async function seedEventStream(redis, rng, now) {
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
  /**
   * Reads `count` new entries for `consumer` without acknowledging them; returns their IDs.
   * @type {(consumer: string, count: number) => Promise<string[]>}
   */
  const read = async (consumer, count) => {
    const args = ["GROUP", "workers", consumer, "COUNT", count, "STREAMS", "app:events", ">"];
    /** @type {[string, [string, string[]][]][]} [[stream, [[id, fields], …]]] */
    const reply = /** @type {any} */ (
      // ioredis types xreadgroup by overloads; this argument list is built at run time.
      await /** @type {any} */ (redis).xreadgroup(...args)
    );
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
 * @param {Ctx} ctx
 */
export async function seedVolume({ redis, rng }) {
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

/**
 * Keys that are hard to show, type, copy or put in a URL, and values that are not text.
 * @param {Ctx} ctx
 */
export async function seedOddKeys({ redis, rng }) {
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

/**
 * db 1: a second Django site's cache (the fixture already puts `:1:hits` and `:1:menu` here).
 * @param {Ctx} ctx
 */
export async function seedDb1({ redis, rng, now }) {
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

/**
 * db 2: a second Celery queue beside the fixture's broker keys.
 * @param {Ctx} ctx
 */
export async function seedDb2({ redis, rng, now }) {
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

/**
 * A hash with a million fields: 1,000 HSETs of 1,000 fields, 20 per pipeline.
 * @param {Ctx} ctx
 */
export async function seedBigHash({ redis, rng }) {
  const w = writer(redis, 20);
  for (let start = 0; start < 1_000_000; start += 1000) {
    /** @type {string[]} */
    const args = [];
    for (let i = start; i < start + 1000; i++) args.push(`field:${i}`, `value-${i}-${rng.hex(6)}`);
    await w.add((p) => p.hset("big:hash:1m", ...args));
  }
  await w.flush();
  return 1;
}

/**
 * A list and a sorted set of 100,000 items each, 1,000 per command.
 * @param {Ctx} ctx
 */
export async function seedBigListAndZset({ redis, rng }) {
  const w = writer(redis, 20);
  for (let start = 0; start < 100_000; start += 1000) {
    const items = range(1000).map((i) => pyJson({ n: start + i, at: rng.int(1e9, 2e9) }));
    const members = range(1000).flatMap((i) => [String(rng.int(0, 1e9)), `member:${start + i}`]);
    await w.add((p) => p.rpush("big:list:100k", ...items).zadd("big:zset:100k", ...members));
  }
  await w.flush();
  return 2;
}

/**
 * A 20 MB string of log lines, appended 1 MB at a time so it never exists here in one piece.
 * @param {Ctx} ctx
 */
export async function seedBigString({ redis }) {
  const chunk = Buffer.alloc(1 << 20);
  chunk.fill("2024-01-02T03:04:05Z INFO app.request GET /api/items 200 12ms\n");
  for (let i = 0; i < 20; i++) {
    chunk.write(`--- chunk ${String(i).padStart(2, "0")} ---\n`, 0);
    // Awaited one at a time because the same buffer is rewritten for the next chunk.
    await redis.append("big:string:20mb", chunk);
  }
  return 1;
}
