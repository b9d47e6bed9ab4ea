import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDIT_FILE_MAX_BYTES, AUDIT_KEEP_FILES, flushRefusalSummary } from "@/lib/audit";
import { resetConfigForTests } from "@/lib/config";
import { tempPath } from "@/scripts/lib/redis-server.mjs";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// The audit log under attack (issue 9): refusals before login are counted, not written; one
// entry is bounded; the file rotates by size; a search pages back through older entries and
// rotated files, a bounded amount per request.
const TOKEN = "audit-log-test-token-0123456789";
const dir = tempPath("keyscope-audit-");
const file = `${dir}/audit.log`;
const redis = withRedisServer({
  env: { KEYSCOPE_PASSWORD: "pw-audit-log", KEYSCOPE_TOKEN: TOKEN, KEYSCOPE_AUDIT_LOG: file },
});
const params = { conn: "default", db: "0" };
const auth = { authorization: `Bearer ${TOKEN}` };
const size = () => (existsSync(file) ? statSync(file).size : 0);
const lines = (path = file) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

function oldLine(i: number, key = `old:${i}`) {
  return `${JSON.stringify({
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
    client: "192.0.2.1",
    conn: "default",
    db: 0,
    action: "DELETE /key",
    keys: [key],
    result: { status: 200 },
  })}\n`;
}

const audit = (query: Record<string, string> = {}) => call(r.audit.GET, { query, headers: auth });

describe("refusals before login", () => {
  it("are counted, not written: 300 unauthenticated 14,000-character DELETEs add nothing", async () => {
    await redis.raw.set("real", "v");
    const before = size();
    const long = "k".repeat(14_000);
    for (let i = 0; i < 300; i++) {
      const res = await call(r.key.DELETE, { params, query: { key: `${long}${i}` } });
      expect(res.status).toBe(401);
    }
    // A wrong Host is refused before auth too (DNS rebinding): counted the same way.
    const rebind = await call(r.key.DELETE, {
      params,
      query: { key: "x" },
      headers: { ...auth, host: "rebind.attacker.example:3000" },
    });
    expect(rebind.status).toBe(403);
    expect(size()).toBe(before);

    const del = await call(r.key.DELETE, { params, query: { key: "real" }, headers: auth });
    expect(del.json).toEqual({ deleted: 1 });
    const page = await audit({ q: "real" });
    expect(page.json.entries.map((e: { keys: string[] }) => e.keys)).toEqual([["real"]]);
    expect(page.json.refused.byReason).toMatchObject({ unauthenticated: 300, host: 1 });
    expect(page.json.refused.total).toBeGreaterThanOrEqual(301);
    expect(typeof page.json.refused.since).toBe("string");

    // At most one summary line a minute keeps a trace of them in the file itself.
    await flushRefusalSummary();
    const summary = lines().at(-1);
    expect(summary.action).toBe("refused before login");
    expect(summary.detail.count).toBe(301);
    expect(summary.detail.byReason).toEqual({ unauthenticated: 300, host: 1 });
    expect(JSON.stringify(summary).length).toBeLessThan(1000);
    await flushRefusalSummary();
    expect(lines().at(-1)).toEqual(summary); // nothing new: nothing more to say
  });

  it("a failed or throttled login is counted, a successful one written", async () => {
    const before = lines().length;
    for (let i = 0; i < 3; i++) {
      const bad = await call(r.login.POST, {
        body: { password: "wrong" },
        headers: { "x-keyscope-client": "198.51.100.9" },
      });
      expect(bad.status).toBe(401);
    }
    expect(lines().length).toBe(before);
    const ok = await call(r.login.POST, {
      body: { password: "pw-audit-log" },
      headers: { "x-keyscope-client": "198.51.100.10" },
    });
    expect(ok.status).toBe(200);
    expect(lines().at(-1)).toMatchObject({ action: "login", client: "198.51.100.10" });
    expect((await audit()).json.refused.byReason.login).toBeGreaterThanOrEqual(3);
  });
});

describe("one entry", () => {
  it("cuts long keys and says so, with the full length", async () => {
    const long = `start:${"x".repeat(14_000)}:end`;
    const binary = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.alloc(3000, 0x80)]);
    await call(r.key.DELETE, { params, query: { key: long }, headers: auth });
    await call(r.key.DELETE, {
      params,
      query: { key64: binary.toString("base64url") },
      headers: auth,
    });
    const [text, bin] = lines().slice(-2);
    expect(JSON.stringify(text).length).toBeLessThan(2048);
    expect(text.keys[0].startsWith("start:xxx")).toBe(true);
    expect(text.keys[0].length).toBeLessThan(1024);
    expect(text.cut).toEqual([{ field: "keys.0", length: long.length }]);
    const kept = Buffer.from(bin.keys[0].b64, "base64");
    expect(binary.subarray(0, kept.length).equals(kept)).toBe(true);
    expect(kept.length).toBeLessThan(1024);
    expect(bin.cut).toEqual([{ field: "keys.0", length: 3002 }]);
    // The answer of GET /api/audit carries the flag too (the schema lists it).
    const page = await audit({ q: "start:xxx" });
    expect(page.json.entries[0].cut).toEqual([{ field: "keys.0", length: long.length }]);
  });

  it("cuts a long match and an unknown connection's id", async () => {
    // Under the 1,024-byte pattern limit (longer ones are refused), over what an entry keeps.
    const match = `m:${"x".repeat(1000)}*`;
    await call(r.bulk.POST, {
      params,
      body: { action: "delete", match }, // matches nothing; a dry run is a read, not audited
      headers: auth,
    });
    const entry = lines().at(-1);
    expect(entry.detail.match.length).toBeLessThan(1024);
    expect(entry.cut).toEqual([{ field: "detail.match", length: match.length }]);
    const conn = "c".repeat(5000);
    const res = await call(r.key.DELETE, {
      params: { conn, db: "0" },
      query: { key: "k" },
      headers: auth,
    });
    expect(res.status).toBe(404);
    const unknown = lines().at(-1);
    expect(JSON.stringify(unknown).length).toBeLessThan(2048);
    expect(unknown.cut).toContainEqual({ field: "conn", length: 5000 });
  });
});

describe("rotation", () => {
  it("moves a full audit.log to audit.log.1 … and keeps a bounded number of files", async () => {
    // Fill the files as a long-running server would have: each just under the limit.
    const filler = oldLine(0);
    const perFile = Math.floor(AUDIT_FILE_MAX_BYTES / filler.length);
    for (let n = AUDIT_KEEP_FILES; n >= 1; n--)
      writeFileSync(`${file}.${n}`, oldLine(n, `rotated:${n}`).repeat(10), { mode: 0o600 });
    writeFileSync(file, filler.repeat(perFile), { mode: 0o600 });
    const oldest = readFileSync(`${file}.${AUDIT_KEEP_FILES - 1}`, "utf8");
    await call(r.key.DELETE, { params, query: { key: "after-rotation" }, headers: auth });
    expect(lines().map((e) => e.keys)).toEqual([["after-rotation"]]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines(`${file}.1`)).toHaveLength(perFile);
    // What was .N-1 is now .N; what was .N is gone; there is no .N+1.
    expect(readFileSync(`${file}.${AUDIT_KEEP_FILES}`, "utf8")).toBe(oldest);
    expect(existsSync(`${file}.${AUDIT_KEEP_FILES + 1}`)).toBe(false);
    expect(readFileSync(`${file}.2`, "utf8")).toContain("rotated:1");
    for (let n = 1; n <= AUDIT_KEEP_FILES; n++)
      expect(statSync(`${file}.${n}`).mode & 0o777).toBe(0o600);
  });

  it("serialises concurrent writes: no line is lost or torn across a rotation", async () => {
    const filler = oldLine(0);
    writeFileSync(file, filler.repeat(Math.floor(AUDIT_FILE_MAX_BYTES / filler.length) - 5));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(r.key.DELETE, { params, query: { key: `burst:${i}` }, headers: auth }),
      ),
    );
    const burst = [...lines(`${file}.1`), ...lines()].filter((e) =>
      String(e.keys?.[0]).startsWith("burst:"),
    );
    expect(burst).toHaveLength(40);
    expect(statSync(file).size).toBeLessThan(AUDIT_FILE_MAX_BYTES);
  });
});

describe("GET /api/audit paging", () => {
  function fill(newest: number, rotated: number) {
    let rotatedText = "";
    for (let i = 0; i < rotated; i++) rotatedText += oldLine(i, i === 5 ? "needle:old" : `r:${i}`);
    let newestText = "";
    for (let i = 0; i < newest; i++) newestText += oldLine(i, `n:${i}`);
    writeFileSync(`${file}.1`, rotatedText, { mode: 0o600 });
    writeFileSync(file, newestText, { mode: 0o600 });
    for (let n = 2; n <= AUDIT_KEEP_FILES; n++) writeFileSync(`${file}.${n}`, "");
  }

  it("walks every entry, newest first, across the rotated file, with a cursor", async () => {
    fill(700, 500);
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await audit({ limit: "250", ...(before && { before }) });
      expect(page.status).toBe(200);
      pages++;
      seen.push(...page.json.entries.map((e: { keys: string[] }) => e.keys[0]));
      expect(page.json.truncated).toBe(page.json.next !== null);
      if (page.json.next === null) break;
      before = page.json.next;
    }
    expect(pages).toBe(5);
    const want = [
      ...Array.from({ length: 700 }, (_, i) => `n:${699 - i}`),
      ...Array.from({ length: 500 }, (_, i) => (499 - i === 5 ? "needle:old" : `r:${499 - i}`)),
    ];
    expect(seen).toEqual(want);
  });

  it("finds an old entry past the newest megabytes, a bounded amount per request", async () => {
    // ~30 MB of log before the needle: more than one request reads.
    fill(75_000, 75_000);
    const started = Date.now();
    let before: string | undefined;
    let found: { keys: string[] }[] = [];
    let pages = 0;
    while (found.length === 0) {
      const t0 = Date.now();
      const page = await audit({ q: "needle", ...(before && { before }) });
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(page.json.searchedBytes).toBeLessThanOrEqual(8 * 1024 * 1024);
      pages++;
      found = page.json.entries;
      if (found.length === 0) expect(page.json.next).not.toBeNull();
      before = page.json.next ?? undefined;
    }
    expect(pages).toBeGreaterThan(1);
    expect(found[0]?.keys).toEqual(["needle:old"]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("keeps its place when the log rotates between two pages", async () => {
    fill(300, 0);
    const first = await audit({ limit: "100" });
    expect(first.json.entries[0].keys).toEqual(["n:299"]);
    // A rotation: audit.log becomes audit.log.1 (same file, new name), a new audit.log starts.
    for (let n = AUDIT_KEEP_FILES; n > 1; n--) renameSync(`${file}.${n - 1}`, `${file}.${n}`);
    renameSync(file, `${file}.1`);
    writeFileSync(file, oldLine(1, "fresh"), { mode: 0o600 });
    const second = await audit({ limit: "100", before: first.json.next });
    expect(second.json.entries[0].keys).toEqual(["n:199"]);
  });

  it("cuts the long keys of entries written before entries were bounded", async () => {
    fill(3, 0);
    const long = `v01:${"z".repeat(14_000)}`;
    writeFileSync(file, oldLine(9, long), { flag: "a" });
    const page = await audit({ limit: "1" });
    expect(page.json.entries[0].keys[0]).toBe(long.slice(0, 512));
    expect(page.json.entries[0].cut).toEqual([{ field: "keys.0", length: long.length }]);
  });

  it("refuses a malformed cursor with 400", async () => {
    for (const before of ["nope", "1-", "-5", "x".repeat(300)]) {
      const res = await audit({ before });
      expect(res.status, before).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
    }
  });

  it("answers an empty log (no file yet) with no entries and no cursor", async () => {
    const saved = process.env.KEYSCOPE_AUDIT_LOG;
    process.env.KEYSCOPE_AUDIT_LOG = `${dir}/none/audit.log`;
    resetConfigForTests();
    try {
      const page = await audit();
      expect(page.json).toMatchObject({ entries: [], truncated: false, next: null });
    } finally {
      process.env.KEYSCOPE_AUDIT_LOG = saved;
      resetConfigForTests();
    }
  });
});
