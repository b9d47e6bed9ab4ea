import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { config, resetConfigForTests } from "@/lib/config";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";
import { hasHashFieldTtl } from "../server-features";
import { csvFile, headerLine, jb, jsonlFile, keyLines, type WKey } from "../transfer-writer";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const BIN = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x0a]);

const post = (file: Buffer, query: Record<string, string> = {}) =>
  call(r.importKeys.POST, { params, query, body: file });

async function finished(jobId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { json } = await call(r.jobs.GET, { params: { jobId } });
    if (json.state !== "running" || Date.now() > deadline) return json;
    await sleep(20);
  }
}

async function run(file: Buffer, query: Record<string, string> = {}) {
  const started = await post(file, query);
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  return finished(started.json.jobId);
}

/** The upload's temp files in the data directory (none may be left behind). */
function leftovers(): string[] {
  try {
    return readdirSync(config().dataDir).filter((f) => f.startsWith("import-"));
  } catch {
    return [];
  }
}

const everyType: WKey[] = [
  // A binary string in two parts (SET then APPEND).
  { key: BIN, type: "string", pttl: 60_000, values: [jb(BIN), jb(Buffer.from("tail"))] },
  {
    key: "h",
    type: "hash",
    values: [
      [
        [jb(BIN), jb(BIN)],
        ["f", "v"],
      ],
      [["ttl-field", "x", 30_000]],
    ],
  },
  { key: "l", type: "list", values: [["a", jb(BIN)], ["c"]] },
  { key: "s", type: "set", values: [["x", jb(BIN)]] },
  {
    key: "z",
    type: "zset",
    values: [
      [
        ["lo", "-inf"],
        ["mid", 1.5],
        [jb(BIN), "inf"],
      ],
    ],
  },
  {
    key: "st",
    type: "stream",
    values: [
      { entries: [["1-1", [["f", jb(BIN)]]]] },
      {
        entries: [["2-0", [["g", "h"]]]],
        lastId: "5-0",
        groups: [
          {
            name: "grp",
            lastDeliveredId: "2-0",
            consumers: ["alice", "bob"],
            pending: [["1-1", "alice", 3]],
          },
        ],
      },
    ],
  },
  { key: "empty-stream", type: "stream", values: [{ entries: [], lastId: "7-0", groups: [] }] },
];

describe("POST …/import (jsonl)", () => {
  it("imports every type binary-exact, with TTLs, streams' groups and pending entries", async () => {
    const done = await run(jsonlFile(everyType));
    expect(done).toMatchObject({
      state: "done",
      kind: "import",
      format: "jsonl",
      keys: everyType.length,
      imported: everyType.length,
      skipped: 0,
      failed: 0,
      progress: 1,
    });
    // Where the server has hash-field TTLs the field gets its own; elsewhere (Redis 7.0 here)
    // it is imported without one, and counted.
    const fieldTtls = await hasHashFieldTtl(redis.raw);
    expect(done.fieldTtlsDropped).toBe(fieldTtls ? 0 : 1);
    if (fieldTtls) {
      const [ms] = (await redis.raw.call("HPTTL", "h", "FIELDS", "1", "ttl-field")) as number[];
      expect(ms).toBeGreaterThan(20_000);
    }
    const raw = redis.raw;
    expect(await raw.getBuffer(BIN)).toEqual(Buffer.concat([BIN, Buffer.from("tail")]));
    const pttl = await raw.pttl(BIN);
    expect(pttl).toBeGreaterThan(50_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await raw.pttl("h")).toBe(-1);
    expect((await raw.hgetBuffer("h", BIN))?.equals(BIN)).toBe(true);
    expect(await raw.hgetall("h")).toMatchObject({ f: "v", "ttl-field": "x" });
    const list = await raw.lrangeBuffer("l", 0, -1);
    expect(list).toEqual([Buffer.from("a"), BIN, Buffer.from("c")]);
    expect(await raw.sismember("s", BIN)).toBe(1);
    expect(await raw.zrange("z", "0", "0")).toEqual(["lo"]);
    expect(await raw.zscore("z", "lo")).toBe("-inf");
    expect(await raw.zscore("z", "mid")).toBe("1.5");
    expect(await raw.zscore("z", BIN)).toBe("inf");
    const entries = (await raw.xrangeBuffer("st", "-", "+")) as unknown as [Buffer, Buffer[]][];
    expect(entries.map(([id]) => id.toString())).toEqual(["1-1", "2-0"]);
    expect(entries[0]?.[1]?.[1]?.equals(BIN)).toBe(true);
    const info = (await raw.call("XINFO", "STREAM", "st")) as unknown[];
    expect(info[info.indexOf("last-generated-id") + 1]).toBe("5-0");
    const groups = (await raw.call("XINFO", "GROUPS", "st")) as unknown[][];
    expect(groups[0]).toEqual(expect.arrayContaining(["grp", "last-delivered-id", "2-0"]));
    const consumers = (await raw.call("XINFO", "CONSUMERS", "st", "grp")) as unknown[][];
    expect(consumers.map((c) => c[1]).sort()).toEqual(["alice", "bob"]);
    const pending = (await raw.call("XPENDING", "st", "grp", "-", "+", 10)) as unknown[][];
    expect(pending).toEqual([["1-1", "alice", expect.any(Number), 3]]);
    expect(await raw.xlen("empty-stream")).toBe(0);
    const empty = (await raw.call("XINFO", "STREAM", "empty-stream")) as unknown[];
    expect(empty[empty.indexOf("last-generated-id") + 1]).toBe("7-0");
    expect(leftovers()).toEqual([]);
  });

  it("skips keys that exist, or replaces them (a replaced key counts as imported)", async () => {
    const file = jsonlFile([
      { key: "a", type: "string", values: ["new-a"] },
      { key: "b", type: "list", values: [["n1", "n2"]] },
      { key: "c", type: "string", values: ["new-c"] },
    ]);
    await redis.raw.set("a", "old-a");
    await redis.raw.rpush("b", "o1");
    const skip = await run(file);
    expect(skip).toMatchObject({ onConflict: "skip", imported: 1, skipped: 2, failed: 0 });
    expect(await redis.raw.get("a")).toBe("old-a");
    expect(await redis.raw.lrange("b", 0, -1)).toEqual(["o1"]);
    expect(await redis.raw.get("c")).toBe("new-c");
    const replace = await run(file, { onConflict: "replace" });
    expect(replace).toMatchObject({ onConflict: "replace", imported: 3, skipped: 0 });
    expect(await redis.raw.get("a")).toBe("new-a");
    expect(await redis.raw.lrange("b", 0, -1)).toEqual(["n1", "n2"]);
  });

  it("a key Redis refuses is failed and named, the others go in", async () => {
    // XADD refuses an id not above the last one: the key fails and nothing of it stays.
    const file = jsonlFile([
      { key: "ok", type: "string", values: ["1"] },
      {
        key: "bad",
        type: "stream",
        values: [
          {
            entries: [
              ["5-0", [["a", "b"]]],
              ["4-0", [["c", "d"]]],
            ],
            lastId: "5-0",
          },
        ],
      },
      { key: "ok2", type: "string", values: ["2"] },
    ]);
    const done = await run(file);
    expect(done).toMatchObject({ state: "done", imported: 2, failed: 1 });
    expect(done.failures).toEqual([{ key: "bad", error: expect.stringMatching(/ID/) }]);
    expect(await redis.raw.exists("bad")).toBe(0);
    expect(await redis.raw.mget("ok", "ok2")).toEqual(["1", "2"]);
  });
});

describe("the audit log", () => {
  it("names the import's options and counts, never a key or a value", async () => {
    const file = jsonlFile([{ key: "secret-key", type: "string", values: ["secret-value"] }]);
    const done = await run(file, { onConflict: "replace" });
    expect(done.imported).toBe(1);
    await sleep(50); // the job's own entry is written once it has ended
    const log = readFileSync(config().auditLog, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const post = log.findLast((e) => e.action === "POST /import");
    expect(post).toMatchObject({
      db: 0,
      detail: { format: "jsonl", onConflict: "replace", keys: 1, bytes: file.length },
      result: { status: 202 },
    });
    const end = log.findLast((e) => e.action === "import job");
    expect(end).toMatchObject({ detail: { state: "done", keys: 1, imported: 1, failed: 0 } });
    expect(JSON.stringify(log)).not.toMatch(/secret-(key|value)/);
  });
});

describe("POST …/import refuses a bad file whole (400) and writes nothing", () => {
  const good = jsonlFile(everyType);
  async function refused(file: Buffer, message: RegExp, query: Record<string, string> = {}) {
    await redis.raw.set("before", "x");
    const res = await post(file, query);
    expect(res.status, JSON.stringify(res.json)).toBe(400);
    expect(res.json.error.message).toMatch(message);
    expect(await redis.raw.dbsize()).toBe(1);
    expect(leftovers()).toEqual([]);
  }

  it("truncated: no footer, or cut mid-line", async () => {
    const lines = good.toString().split("\n");
    await refused(Buffer.from(`${lines.slice(0, -2).join("\n")}\n`), /truncated/);
    await refused(good.subarray(0, good.length - 40), /line \d+/);
  });

  it("a flipped byte: the checksum differs", async () => {
    const flipped = Buffer.from(good);
    const at = flipped.indexOf("new") >= 0 ? flipped.indexOf("new") : flipped.indexOf('"f"');
    flipped[at + 1] = (flipped[at + 1] as number) ^ 0x01;
    await refused(flipped, /sha256/);
  });

  it("a bad line names its number", async () => {
    const lines = keyLines(everyType[0] as WKey);
    const file = jsonlFile([everyType[0] as WKey, { key: "x", type: "list", values: [] }], {
      lines: [...lines, JSON.stringify({ key: "x", type: "list", pttl: -1, value: "not a list" })],
    });
    await refused(file, /line 4: value/);
    const notJson = jsonlFile([], { lines: ["{oops"] });
    await refused(notJson, /line 2: not valid JSON/);
    const noHeader = Buffer.from(`${keyLines(everyType[0] as WKey)[0]}\n`);
    await refused(noHeader, /line 1: not the header/);
    // A part that does not follow its key.
    const parts = keyLines(everyType[2] as WKey);
    const apart = jsonlFile([everyType[2] as WKey, everyType[3] as WKey], {
      lines: [parts[0] as string, ...keyLines(everyType[3] as WKey), parts[1] as string],
    });
    await refused(apart, /line 4: a part of a key that is not the one before it/);
    const twice = jsonlFile([everyType[3] as WKey, everyType[3] as WKey]);
    await refused(twice, /line 3: a key that came before/);
    await refused(Buffer.from("zz,00,-1\n"), /line 1: not <hex key>/);
  });

  it("a huge line", async () => {
    const huge = `${headerLine()}\n{"key":"k","type":"string","pttl":-1,"value":"${"a".repeat(17 * 1024 * 1024)}"}\n`;
    await refused(Buffer.from(huge), /line 2: longer than/);
  });

  it("a file over KEYSCOPE_MAX_IMPORT_BYTES: 413", async () => {
    process.env.KEYSCOPE_MAX_IMPORT_BYTES = "1000";
    resetConfigForTests();
    try {
      await redis.raw.set("before", "x");
      const res = await post(good);
      expect(res.status).toBe(413);
      expect(res.json.error.code).toBe("TOO_LARGE");
      expect(await redis.raw.dbsize()).toBe(1);
      expect(leftovers()).toEqual([]);
    } finally {
      delete process.env.KEYSCOPE_MAX_IMPORT_BYTES;
      resetConfigForTests();
    }
  });

  it("a body that is not application/octet-stream", async () => {
    const res = await call(r.importKeys.POST, {
      params,
      body: good,
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/octet-stream/);
  });

  it("read-only mode refuses it (403) and writes nothing", async () => {
    process.env.KEYSCOPE_READ_ONLY = "1";
    resetConfigForTests();
    try {
      const res = await post(good);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("READ_ONLY");
      expect(await redis.raw.dbsize()).toBe(0);
      expect(leftovers()).toEqual([]);
    } finally {
      delete process.env.KEYSCOPE_READ_ONLY;
      resetConfigForTests();
    }
  });
});

describe("POST …/import (DUMP CSV)", () => {
  it("RESTOREs each key with its TTL; a bad payload is a failed key, named; skip leaves a key", async () => {
    await redis.raw.set(BIN, BIN);
    await redis.raw.rpush("list", "a", "b");
    await redis.raw.set("kept", "old");
    const rows = [
      { key: BIN, payload: (await redis.raw.dumpBuffer(BIN)) as Buffer, pttl: 90_000 },
      {
        key: Buffer.from("list"),
        payload: (await redis.raw.dumpBuffer("list")) as Buffer,
        pttl: -1,
      },
      {
        key: Buffer.from("kept"),
        payload: (await redis.raw.dumpBuffer("list")) as Buffer,
        pttl: -1,
      },
      { key: Buffer.from("broken"), payload: Buffer.from("00ffeedd", "hex"), pttl: -1 },
    ];
    await redis.raw.del(BIN, "list");
    const done = await run(csvFile(rows));
    expect(done).toMatchObject({
      state: "done",
      format: "dump-csv",
      keys: 4,
      imported: 2,
      skipped: 1,
      failed: 1,
    });
    expect(done.failures).toEqual([{ key: "broken", error: expect.stringMatching(/payload/i) }]);
    expect(await redis.raw.getBuffer(BIN)).toEqual(BIN);
    expect(await redis.raw.pttl(BIN)).toBeGreaterThan(80_000);
    expect(await redis.raw.lrange("list", 0, -1)).toEqual(["a", "b"]);
    expect(await redis.raw.get("kept")).toBe("old");
    const replaced = await run(csvFile(rows), { onConflict: "replace" });
    expect(replaced).toMatchObject({ imported: 3, skipped: 0, failed: 1 });
    expect(await redis.raw.type("kept")).toBe("list");
  });
});

describe("cancel", () => {
  it("stops after the batch in flight; no half key is left", async () => {
    const keys: WKey[] = Array.from({ length: 20_000 }, (_, i) => ({
      key: `k:${i}`,
      type: "string" as const,
      values: [`v${i}`],
    }));
    const file = jsonlFile(keys);
    const started = await post(file);
    expect(started.status).toBe(202);
    const cancel = await call(r.jobs.DELETE, { params: { jobId: started.json.jobId } });
    expect(cancel.status).toBe(200);
    const done = await finished(started.json.jobId);
    expect(done.state).toBe("cancelled");
    expect(done.imported).toBeLessThan(20_000);
    expect(await redis.raw.dbsize()).toBe(done.imported);
    await sleep(50);
    expect(leftovers()).toEqual([]);
  });
});
