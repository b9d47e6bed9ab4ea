import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { keysPage } from "@/lib/schemas/keys";
import { sentinelReport } from "@/lib/schemas/sentinel";
import { withSentinel } from "../cluster-harness";
import { b64url, call } from "../harness";
import * as r from "../routes";

// A Sentinel connection on a real master + replica + sentinel: reads and writes go to the
// master the sentinel names, and after a failover (the master killed with SIGKILL, or SENTINEL
// FAILOVER) they go to the new master within seconds, without a restart of Keyscope.

const s = withSentinel();
const params = { conn: "sentinel", db: "0" };
const KEY = Buffer.from([0xff, 0x00, 0x80, 0x73]);

async function portOfMaster(): Promise<number> {
  return s.setup.currentMasterPort();
}

async function walk(): Promise<Set<string>> {
  const seen = new Set<string>();
  let cursor = "0";
  do {
    const { status, json } = await call(r.keys.GET, { params, query: { cursor, count: "500" } });
    expect(status).toBe(200);
    const page = keysPage.parse(json);
    for (const k of page.keys) seen.add(k.key.toString("hex"));
    cursor = page.cursor;
  } while (cursor !== "0");
  return seen;
}

/** Writes through the API until one lands on the master on `port` (or the deadline passes). */
async function writeLandsOn(port: number, value: string, deadlineMs: number): Promise<number> {
  const started = Date.now();
  const direct = new Redis({ port, host: "127.0.0.1", lazyConnect: true });
  direct.on("error", () => {});
  try {
    while (Date.now() - started < deadlineMs) {
      const put = await call(r.value.PUT, {
        params,
        query: { key64: b64url(KEY) },
        body: { value: { b64: Buffer.from(value).toString("base64") } },
      });
      if (put.status === 200) {
        const got = await direct.getBuffer(KEY).catch(() => null);
        if (got?.toString() === value) return Date.now() - started;
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error(`no write reached the master on port ${port} within ${deadlineMs} ms`);
  } finally {
    direct.disconnect();
  }
}

async function seed(n: number): Promise<void> {
  const master = new Redis({ port: await portOfMaster(), host: "127.0.0.1" });
  const p = master.pipeline();
  for (let i = 0; i < n; i++) p.set(Buffer.from(`k:${i}:\xfe`, "latin1"), "v");
  await p.exec();
  await master.call("WAIT", "1", "5000"); // the replica holds them before the master dies
  master.disconnect();
}

async function waitForNewMaster(old: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const port = await portOfMaster();
    if (port !== old) return port;
    if (Date.now() > deadline) throw new Error("the sentinel never promoted the replica");
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe("a Sentinel connection", () => {
  it("is listed as sentinel, reads and writes the current master, and reports the set-up", async () => {
    const { json } = await call(r.connections.GET);
    expect(json.connections.find((c: { id: string }) => c.id === "sentinel")).toMatchObject({
      mode: "sentinel",
    });
    await seed(200);
    expect((await walk()).size).toBe(200);
    await writeLandsOn(await portOfMaster(), "first", 5000);
    const report = await call(r.sentinel.GET, { params: { conn: "sentinel" } });
    expect(report.status).toBe(200);
    const parsed = sentinelReport.parse(report.json);
    expect(parsed.master.addr).toBe(`127.0.0.1:${await portOfMaster()}`);
    expect(parsed.replicas).toHaveLength(1);
    expect((await call(r.sentinel.GET, { params: { conn: "default" } })).status).toBe(404);
  });

  it("follows SENTINEL FAILOVER without a restart: writes reach the new master, no key lost", async () => {
    const old = await portOfMaster();
    const sentinel = new Redis({ port: s.setup.sentinel.port, host: "127.0.0.1" });
    await sentinel.call("SENTINEL", "FAILOVER", s.setup.masterName);
    sentinel.disconnect();
    const promoted = await waitForNewMaster(old);
    const ms = await writeLandsOn(promoted, "after-failover", 15_000);
    console.log(
      `SENTINEL FAILOVER: a write reached the new master ${ms} ms after the sentinel named it`,
    );
    expect((await walk()).size).toBe(201); // 200 seeded + the binary key written above
  }, 60_000);

  it("follows a master killed with SIGKILL: writes reach the promoted replica, no key lost", async () => {
    const old = await portOfMaster();
    const victim = [s.setup.master, s.setup.replica].find((p) => p.port === old);
    if (!victim) throw new Error("the current master is neither of the set-up's servers");
    process.kill(victim.pid, "SIGKILL");
    const promoted = await waitForNewMaster(old);
    const ms = await writeLandsOn(promoted, "after-kill", 15_000);
    console.log(
      `kill -9: a write reached the promoted master ${ms} ms after the sentinel named it`,
    );
    expect((await walk()).size).toBe(201);
  }, 60_000);
});
