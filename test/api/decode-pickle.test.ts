import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keyValue } from "@/lib/schemas/values";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// Pickles through the value read (`decode=`): Django 5.2's own (fixtures/python-apps.json) are
// detected and shown, a hostile one is only ever shown (as the call it names), protocols 0/1
// only when forced, and the stored bytes are never changed.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

async function value(query: Record<string, string>) {
  const res = await call(r.value.GET, { params, query });
  expect(res.status).toBe(200);
  keyValue.parse(res.json);
  return res.json;
}

type Entry = { db: number; key: string; type: string; value: string; mustShow: string[] };
const apps = JSON.parse(
  readFileSync(new URL("../../fixtures/python-apps.json", import.meta.url), "utf8"),
) as { keys: Entry[] };
const djangoPickles = apps.keys.filter(
  (e) => e.db === 0 && e.type === "string" && Buffer.from(e.value, "base64")[0] === 0x80,
);

describe("GET …/key/value?decode= on pickles", () => {
  it("shows Django's cached values as Python would, and leaves their bytes alone", async () => {
    expect(djangoPickles.length).toBeGreaterThanOrEqual(10);
    for (const e of djangoPickles) {
      const key = Buffer.from(e.key, "base64");
      const bytes = Buffer.from(e.value, "base64");
      await redis.raw.set(key, bytes);
      const json = await value({ key64: key.toString("base64url"), decode: "1" });
      expect(json.decoded, key.toString()).toMatchObject({ format: "pickle", chain: ["pickle"] });
      // A session sums up as its user (the key's app hint), anything else as the pickle it is.
      expect(json.decoded.summary).toMatch(/^(pickle 4|Django session) · /);
      for (const s of e.mustShow) expect(json.decoded.text).toContain(s);
      expect(Buffer.compare((await redis.raw.getBuffer(key)) as Buffer, bytes)).toBe(0);
    }
  });

  it("names a cached response by its status", async () => {
    const e = djangoPickles.find((x) => x.mustShow.includes("landing page")) as Entry;
    await redis.raw.set("page", Buffer.from(e.value, "base64"));
    const json = await value({ key: "page", decode: "1" });
    expect(json.decoded.summary).toBe("pickle 4 · django.http.HttpResponse 200");
    expect(json.decoded.text).toContain("'Cache-Control': 'max-age=60'");
  });

  it("shows a hostile pickle as the call it would make, only when forced for protocol 0", async () => {
    const evil = Buffer.from("cos\nsystem\n(S'rm -rf /'\ntR.", "latin1");
    await redis.raw.set("evil", evil);
    expect((await value({ key: "evil", decode: "1" })).decoded).toBeNull();
    const json = await value({ key: "evil", decode: "pickle" });
    expect(json.decoded).toMatchObject({
      format: "pickle",
      summary: "pickle 0 · a call to os.system (never run)",
      text: "os.system('rm -rf /')",
    });
    expect(Buffer.compare((await redis.raw.getBuffer("evil")) as Buffer, evil)).toBe(0);
  });

  it("decodes pickled hash values and list items, non-UTF-8 bytes and all", async () => {
    const when = djangoPickles.find((x) => x.mustShow.includes("2024-01-02")) as Entry;
    await redis.raw.hset("h", "when", Buffer.from(when.value, "base64"), "plain", "text");
    const h = await value({ key: "h", decode: "1" });
    const byField = Object.fromEntries(h.entries.map((x: any) => [x.field, x.decoded]));
    expect(byField.when.text).toContain("datetime.datetime(2024-01-02 03:04:05");
    expect(byField.plain).toBeNull();
    // A protocol 2 pickle of b'\xff\x00' (invalid UTF-8) as a list item.
    await redis.raw.rpush("l", Buffer.from([0x80, 0x02, 0x43, 0x02, 0xff, 0x00, 0x2e]));
    const l = await value({ key: "l", decode: "1" });
    expect(l.decoded[0]).toMatchObject({ format: "pickle", text: "b'\\xff\\x00'" });
  });

  it("answers a broken pickle forced as one with an error, not a failure", async () => {
    await redis.raw.set("broken", Buffer.from([0x80, 0x04, 0x95, 0xff, 0, 0, 0, 0, 0, 0, 0]));
    const json = await value({ key: "broken", decode: "pickle" });
    expect(json.decoded.error).toMatch(/^not a pickle: /);
    expect((await value({ key: "broken", decode: "1" })).decoded).toBeNull();
  });
});
