import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JsonBytes, jsonToBytes } from "@/lib/bytes";
import { config } from "@/lib/config";
import { footerLine, headerLine, keyLine, partLine, valueByType } from "@/lib/schemas/transfer";
import { asRestrictedUser, call, send, withRedisServer } from "../harness";
import * as r from "../routes";
import { hasHashFieldTtl } from "../server-features";

// Export jobs on a real Redis: every type with binary keys and values, a big hash split over
// lines, TTLs, a stream with a group and pending entries, the checksum line, the DUMP CSV, cancel,
// read-only mode (an export is a read), bad bodies, and Redis hanging mid-job.

const redis = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const bytes = (v: unknown) => Buffer.from(jsonToBytes(v as JsonBytes));
const BIN = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41]);

const start = (body: unknown) => call(r.exportKeys.POST, { params, method: "POST", body });

async function finished(jobId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(r.jobs.GET, { params: { jobId } });
    if (json.state !== "running" || Date.now() > deadline) return json;
    await sleep(20);
  }
}

async function exportAll(body: unknown): Promise<{ view: any; file: Buffer; res: Response }> {
  const started = await start(body);
  expect(started.status).toBe(202);
  const view = await finished(started.json.jobId);
  expect(view.state).toBe("done");
  expect(view.download).toBe(`/api/jobs/${started.json.jobId}/download`);
  const res = await send(r.jobDownload.GET, { params: { jobId: started.json.jobId } });
  expect(res.status).toBe(200);
  return { view, file: Buffer.from(await res.arrayBuffer()), res };
}

type Parsed = {
  header: any;
  keys: Map<string, { type: string; pttl: number; lines: any[] }>;
  footer: any;
};

/** Parses a JSON-lines export with the format's schemas; checks the checksum and counts. */
function parse(file: Buffer): Parsed {
  const text = file.toString("utf8");
  expect(text.endsWith("\n")).toBe(true);
  const lines = text.slice(0, -1).split("\n");
  const header = headerLine.parse(JSON.parse(lines[0] as string));
  const footer = footerLine.parse(JSON.parse(lines.at(-1) as string));
  const before = file.subarray(0, file.length - Buffer.byteLength(`${lines.at(-1)}\n`));
  expect(footer.sha256).toBe(createHash("sha256").update(before).digest("hex"));
  const keys = new Map<string, { type: string; pttl: number; lines: any[] }>();
  let current: string | null = null;
  for (const raw of lines.slice(1, -1)) {
    const json = JSON.parse(raw);
    if ("type" in json) {
      const line = keyLine.parse(json);
      const id = line.key.toString("hex");
      expect(keys.has(id)).toBe(false); // one key's lines are contiguous, and each key once
      valueByType[line.type].parse(line.value);
      keys.set(id, { type: line.type, pttl: line.pttl, lines: [line.value] });
      current = id;
    } else {
      const line = partLine.parse(json);
      const id = line.key.toString("hex");
      expect(id).toBe(current);
      const k = keys.get(id);
      expect(line.part).toBe(k?.lines.length);
      valueByType[k?.type as keyof typeof valueByType].parse(line.value);
      k?.lines.push(line.value);
    }
  }
  expect(footer.keys).toBe(keys.size);
  expect(footer.lines).toBe(lines.length - 2);
  return { header, keys, footer };
}

const of = (p: Parsed, key: string | Buffer) => p.keys.get(Buffer.from(key).toString("hex"));

describe("JSON lines", () => {
  it("exports every type with binary keys and values, TTLs and big values split over lines", async () => {
    const bigString = Buffer.alloc(2.5 * 1024 * 1024 + 3);
    for (let i = 0; i < bigString.length; i++) bigString[i] = (i * 7) % 256;
    await redis.raw.set(Buffer.concat([Buffer.from("s:"), BIN]), BIN);
    await redis.raw.set("s:big", bigString);
    await redis.raw.set("s:ttl", "v", "PX", 600_000);
    await redis.raw.hset("h:bin", BIN, BIN, "f", "v");
    const p = redis.raw.pipeline();
    for (let i = 0; i < 10_000; i++) p.hset("h:big", `field:${i}`, `value:${i}`);
    await p.exec();
    await redis.raw.rpush("l:1", "a", BIN, "c");
    await redis.raw.sadd("h:set", "x", BIN);
    await redis.raw.zadd("z:1", "1.5", "a", "inf", "top", "-inf", BIN);
    await redis.raw.set("other", "not matched");

    const { view, file, res } = await exportAll({ match: "[shlz]:*" });
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="keyscope-default-db0-\d{8}T\d{6}Z\.jsonl"$/,
    );
    const parsed = parse(file);
    expect(parsed.header).toMatchObject({ format: "keyscope-export", version: 1 });
    expect(parsed.header.source).toMatchObject({ connection: "default", db: 0, match: "[shlz]:*" });
    expect(view).toMatchObject({ kind: "export", exported: 8, format: "jsonl" });
    expect(view.bytes).toBe(file.length);

    const binString = of(parsed, Buffer.concat([Buffer.from("s:"), BIN]));
    expect(binString?.type).toBe("string");
    expect(binString?.pttl).toBe(-1);
    expect(bytes(binString?.lines[0]).equals(BIN)).toBe(true);
    expect(binString?.lines[0]).toEqual({ b64: BIN.toString("base64") });

    const big = of(parsed, "s:big");
    expect(big?.lines.length).toBe(3);
    expect(Buffer.concat(big?.lines.map(bytes) ?? []).equals(bigString)).toBe(true);

    const ttl = of(parsed, "s:ttl");
    expect(ttl?.pttl).toBeGreaterThan(590_000);
    expect(ttl?.pttl).toBeLessThanOrEqual(600_000);

    const hbin = of(parsed, "h:bin");
    const hentries = ((hbin?.lines[0] ?? []) as unknown[][]).map(([f, v]) => [bytes(f), bytes(v)]);
    expect(hentries).toContainEqual([BIN, BIN]);
    expect(hentries).toContainEqual([Buffer.from("f"), Buffer.from("v")]);

    const hbig = of(parsed, "h:big");
    expect(hbig?.lines.length).toBeGreaterThanOrEqual(10);
    for (const line of hbig?.lines ?? []) expect(line.length).toBeLessThanOrEqual(1000);
    const fields = new Map(hbig?.lines.flat().map(([f, v]: string[]) => [f, v]));
    expect(fields.size).toBe(10_000);
    expect(fields.get("field:9999")).toBe("value:9999");

    expect(of(parsed, "l:1")?.lines[0].map(bytes)).toEqual([
      Buffer.from("a"),
      BIN,
      Buffer.from("c"),
    ]);
    const members = of(parsed, "h:set")?.lines[0].map(bytes);
    expect(members).toHaveLength(2);
    expect(members).toContainEqual(BIN);
    const zset = of(parsed, "z:1")?.lines[0] as [unknown, unknown][];
    expect(zset.map(([m, s]) => [bytes(m).toString("hex"), s])).toEqual([
      [BIN.toString("hex"), "-inf"],
      [Buffer.from("a").toString("hex"), 1.5],
      [Buffer.from("top").toString("hex"), "inf"],
    ]);
    expect(of(parsed, "other")).toBeUndefined();
  }, 60_000);

  it("exports a stream with its consumer group, consumers and pending entries", async () => {
    for (let i = 1; i <= 250; i++) await redis.raw.xadd("st", `${i}-1`, "f", `v${i}`, "bin", BIN);
    await redis.raw.xgroup("CREATE", "st", "g1", "0");
    await redis.raw.xreadgroup("GROUP", "g1", "alice", "COUNT", 3, "STREAMS", "st", ">");
    await redis.raw.call("XGROUP", "CREATECONSUMER", "st", "g1", "bob");
    const { file } = await exportAll({ match: "st", type: "stream" });
    const st = of(parse(file), "st");
    expect(st?.type).toBe("stream");
    const entries = st?.lines.flatMap((l) => l.entries) ?? [];
    expect(entries).toHaveLength(250);
    expect(entries[0][0]).toBe("1-1");
    expect(bytes(entries[249][1][1][1]).equals(BIN)).toBe(true);
    const last = st?.lines.at(-1);
    expect(last.lastId).toBe("250-1");
    expect(last.groups).toEqual([
      {
        name: "g1",
        lastDeliveredId: "3-1",
        consumers: expect.arrayContaining(["alice", "bob"]),
        pending: [
          ["1-1", "alice", 1],
          ["2-1", "alice", 1],
          ["3-1", "alice", 1],
        ],
      },
    ]);
    for (const line of st?.lines.slice(0, -1) ?? []) expect(line.groups).toBeUndefined();
  });

  it("reads hash-field TTLs where the server has them, and says whether it did", async () => {
    const has = await hasHashFieldTtl(redis.raw);
    await redis.raw.hset("hf", "a", "1", "b", "2");
    if (has) await redis.raw.call("HPEXPIRE", "hf", 600_000, "FIELDS", 1, "a");
    const { view, file } = await exportAll({ match: "hf" });
    expect(view.hashFieldTtl).toBe(has);
    const entries = of(parse(file), "hf")?.lines[0] as unknown[][];
    const a = entries.find(([f]) => f === "a");
    if (has) expect(a?.[2]).toBeGreaterThan(590_000);
    else expect(a).toEqual(["a", "1"]);
    expect(entries.find(([f]) => f === "b")).toEqual(["b", "2"]);
  });

  it("an empty match is a file with a header and a footer", async () => {
    const { file } = await exportAll({ match: "nothing:*" });
    const parsed = parse(file);
    expect(parsed.keys.size).toBe(0);
    expect(parsed.footer).toMatchObject({ keys: 0, lines: 0 });
  });
});

describe("without scripting (ACL -@scripting)", () => {
  it("reads the same keys by pipeline, and the ACL log shows the script was refused", async () => {
    await redis.raw.set(Buffer.concat([Buffer.from("s:"), BIN]), BIN, "PX", 600_000);
    await redis.raw.set("s:long", "x".repeat(10_000));
    await redis.raw.hset("h:1", "f", BIN);
    await asRestrictedUser(redis, ["-@scripting"], async () => {
      const { file } = await exportAll({ match: "*" });
      const parsed = parse(file);
      expect(parsed.keys.size).toBe(3);
      const s = of(parsed, Buffer.concat([Buffer.from("s:"), BIN]));
      expect(bytes(s?.lines[0]).equals(BIN)).toBe(true);
      expect(s?.pttl).toBeGreaterThan(590_000);
      expect(bytes(of(parsed, "s:long")?.lines[0]).toString()).toBe("x".repeat(10_000));
      expect(bytes(of(parsed, "h:1")?.lines[0][0][1]).equals(BIN)).toBe(true);
      const log = (await redis.raw.call("ACL", "LOG")) as unknown[][];
      expect(JSON.stringify(log)).toMatch(/evalsha|eval/i);
    });
  });
});

describe("DUMP CSV", () => {
  it("writes hex key, hex DUMP payload and PTTL per line, which RESTORE takes", async () => {
    await redis.raw.set(Buffer.concat([Buffer.from("k"), BIN]), BIN, "PX", 500_000);
    await redis.raw.rpush("list", "a", "b");
    const { file, res } = await exportAll({ match: "*", format: "dump-csv" });
    expect(res.headers.get("content-disposition")).toMatch(/\.csv"$/);
    const lines = file.toString().trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^[0-9a-f]+,[0-9a-f]+,-?\d+$/);
      const [key, payload, pttl] = line.split(",") as [string, string, string];
      const copy = Buffer.concat([Buffer.from(key, "hex"), Buffer.from(":copy")]);
      await redis.raw.restore(copy, 0, Buffer.from(payload, "hex"));
      expect((await redis.raw.dumpBuffer(copy))?.equals(Buffer.from(payload, "hex"))).toBe(true);
      if (Buffer.from(key, "hex").equals(Buffer.concat([Buffer.from("k"), BIN]))) {
        expect(Number(pttl)).toBeGreaterThan(490_000);
        expect((await redis.raw.getBuffer(copy))?.equals(BIN)).toBe(true);
      } else expect(pttl).toBe("-1");
    }
  });
});

describe("the job", () => {
  it("refuses a bad body with 400 and starts nothing", async () => {
    for (const body of [
      {},
      { match: "" },
      { match: "*", format: "xml" },
      { match: "*", extra: 1 },
    ]) {
      const res = await start(body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBeTruthy();
    }
  });

  it("is allowed in read-only mode and writes nothing to Redis", async () => {
    await redis.raw.set("a", "1");
    const before = await redis.raw.dbsize();
    await exportAll({ match: "*" });
    expect(await redis.raw.dbsize()).toBe(before);
  });

  it("the download is 404 before the job is done and for another kind of job", async () => {
    const p = redis.raw.pipeline();
    for (let i = 0; i < 50_000; i++) p.set(`k:${i}`, "v");
    await p.exec();
    const started = await start({ match: "*" });
    const early = await call(r.jobDownload.GET, { params: { jobId: started.json.jobId } });
    expect(early.status).toBe(404);
    await finished(started.json.jobId);
    const analysis = await call(r.analysis.POST, { params, method: "POST", body: {} });
    const other = await call(r.jobDownload.GET, { params: { jobId: analysis.json.jobId } });
    expect(other.status).toBe(404);
    await finished(analysis.json.jobId);
  }, 60_000);

  it("cancel stops the job and deletes the partial file", async () => {
    const p = redis.raw.pipeline();
    for (let i = 0; i < 200_000; i++) p.set(`k:${i}`, "value");
    await p.exec();
    const started = await start({ match: "*" });
    await sleep(150);
    const cancel = await call(r.jobs.DELETE, { params: { jobId: started.json.jobId } });
    expect(cancel.status).toBe(200); // not a write: allowed in read-only mode
    const view = await finished(started.json.jobId);
    expect(view.state).toBe("cancelled");
    expect(view.exported).toBeLessThan(200_000);
    expect(view.download).toBeUndefined();
    expect(await exportFiles()).toEqual([]);
    const dl = await call(r.jobDownload.GET, { params: { jobId: started.json.jobId } });
    expect(dl.status).toBe(404);
  }, 60_000);

  it("fails cleanly when Redis hangs mid-job: an error, and no file left", async () => {
    const p = redis.raw.pipeline();
    for (let i = 0; i < 200_000; i++) p.set(`k:${i}`, "value");
    await p.exec();
    const started = await start({ match: "*" });
    await sleep(100);
    redis.server.pause(); // SIGSTOP: every command from now on times out
    try {
      const view = await finished(started.json.jobId, 30_000);
      expect(view.state).toBe("failed");
      expect(view.error).toMatch(/timed out|closed|connect/i);
      expect(view.download).toBeUndefined();
    } finally {
      redis.server.resume();
    }
    expect(await exportFiles()).toEqual([]);
  }, 60_000);
});

async function exportFiles(): Promise<string[]> {
  const names = await readdir(join(config().dataDir, "exports")).catch(() => []);
  // Finished exports of earlier tests stay until their job is forgotten; partial ones are .tmp.
  return names.filter((n) => n.endsWith(".tmp"));
}
