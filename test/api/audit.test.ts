import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// The audit log lives in the data directory by default (the harness points KEYSCOPE_DATA_DIR at
// a temp dir), private to Keyscope's user, and a CONFIG PUT names the setting it changed.
const redis = withRedisServer();
const conn = { conn: "default" };

function lastEntry() {
  const file = join(process.env.KEYSCOPE_DATA_DIR as string, "audit.log");
  const lines = readFileSync(file, "utf8").trim().split("\n");
  return { file, line: lines.at(-1) ?? "", entry: JSON.parse(lines.at(-1) ?? "null") };
}

describe("the audit log", () => {
  it("names the setting a CONFIG PUT changes, never its value", async () => {
    const res = await call(r.config.PUT, {
      params: conn,
      method: "PUT",
      body: { name: "maxmemory", value: "12345678" },
    });
    expect(res.status).toBe(200);
    expect(await redis.raw.config("GET", "maxmemory")).toEqual(["maxmemory", "12345678"]);
    const { line, entry } = lastEntry();
    expect(entry.result.status).toBe(200);
    expect(entry.detail).toEqual({ name: "maxmemory" });
    expect(line).not.toContain("12345678");
  });

  it("is written in the data directory with mode 600, the directory 700", async () => {
    await call(r.config.PUT, {
      params: conn,
      method: "PUT",
      body: { name: "maxmemory", value: "0" },
    });
    const { file } = lastEntry();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(process.env.KEYSCOPE_DATA_DIR as string).mode & 0o777).toBe(0o700);
  });
});

describe("what a refused write names", () => {
  const params = { conn: "default", db: "0" };
  const readOnly = async (fn: () => Promise<void>) => {
    process.env.KEYSCOPE_READ_ONLY = "1";
    resetConfigForTests();
    try {
      await fn();
    } finally {
      delete process.env.KEYSCOPE_READ_ONLY;
      resetConfigForTests();
    }
  };

  it("a write refused in read-only mode names its keys and settings, never values", async () => {
    await redis.raw.set("ro:k", "kept");
    await readOnly(async () => {
      const put = await call(r.value.PUT, {
        params,
        query: { key: "ro:k" },
        body: { value: "secret-new-value" },
      });
      expect(put.status).toBe(403);
      expect(lastEntry().entry).toMatchObject({
        action: "PUT /key/value",
        keys: ["ro:k"],
        result: { status: 403, code: "READ_ONLY" },
      });
      const renamed = await call(r.rename.POST, {
        params,
        query: { key: "ro:k" },
        body: { newKey: { b64: Buffer.from([0xff, 0x01]).toString("base64") } },
      });
      expect(renamed.status).toBe(403);
      expect(lastEntry().entry.keys).toEqual(["ro:k", { b64: "/wE=" }]);
      const bulk = await call(r.bulk.POST, {
        params,
        body: { action: "delete", match: "ro:*" },
      });
      expect(bulk.status).toBe(403);
      expect(lastEntry().entry.detail).toEqual({ action: "delete", match: "ro:*", dryRun: false });
      const setting = await call(r.config.PUT, {
        params: conn,
        body: { name: "maxmemory", value: "7654321" },
      });
      expect(setting.status).toBe(403);
      const { entry, line } = lastEntry();
      expect(entry.detail).toEqual({ name: "maxmemory" });
      expect(line).not.toContain("7654321");
    });
    expect(await redis.raw.get("ro:k")).toBe("kept");
    expect(readFileSync(lastEntry().file, "utf8")).not.toContain("secret-new-value");
  });
});

describe("bulk jobs", () => {
  const params = { conn: "default", db: "0" };
  it("write one entry when they end: action, match, type, matched, affected, state", async () => {
    const p = redis.raw.pipeline();
    for (let i = 0; i < 300; i++) p.set(`job:${i}`, "v");
    for (let i = 0; i < 50; i++) p.hset(`job:h${i}`, "f", "v");
    await p.exec();
    const started = await call(r.bulk.POST, {
      params,
      body: { action: "delete", match: "job:*", type: "string" },
      headers: { "x-keyscope-client": "192.0.2.44" },
    });
    expect(started.status).toBe(202);
    const { jobId } = started.json;
    const deadline = Date.now() + 10_000;
    let entry: Record<string, any> | undefined;
    while (Date.now() < deadline) {
      entry = lastEntry().entry;
      if (entry?.detail?.jobId === jobId) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(entry).toMatchObject({
      action: "bulk delete job",
      client: "192.0.2.44",
      conn: "default",
      db: 0,
      detail: {
        jobId,
        action: "delete",
        match: "job:*",
        type: "string",
        state: "done",
        matched: 300,
        affected: 300,
        affectedIsLowerBound: false,
      },
      result: { status: 200 },
    });
    expect(await redis.raw.dbsize()).toBe(50);
  });

  it("a dry run writes no end entry (it changed nothing)", async () => {
    await redis.raw.set("dry:1", "v");
    const started = await call(r.bulk.POST, {
      params,
      body: { action: "delete", match: "dry:*", dryRun: true },
    });
    const { jobId } = started.json;
    await new Promise((res) => setTimeout(res, 300));
    const all = readFileSync(lastEntry().file, "utf8");
    expect(all).not.toContain(jobId);
  });
});
