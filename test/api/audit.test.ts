import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
