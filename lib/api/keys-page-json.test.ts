import { describe, expect, it } from "vitest";
import { toJsonForm } from "./json-form";
import { keysPageJson } from "./keys-page-json";

// The keys page is written straight into bytes; it must be byte for byte what the generic path
// (toJsonForm + JSON.stringify) writes, whatever the key's bytes.
const odd = [
  "plain:key",
  'quote"d',
  "back\\slash",
  "tab\there",
  "new\nline",
  "del\x7f",
  "café",
  "\u{1F511}",
  "\uFEFFbom",
  "\u202Ebidi",
].map((s) => Buffer.from(s));
const binary = [Buffer.from([0xff, 0xfe, 0x00]), Buffer.from([0xc3]), Buffer.alloc(0)];

describe("keysPageJson", () => {
  it("writes what the generic path writes, with type and TTL", () => {
    const keys = [...odd, ...binary];
    const page = {
      cursor: "12345",
      keys,
      types: keys.map((_, i) => (i % 2 ? "hash" : i % 3 ? "ReJSON-RL" : "módulo")),
      ttls: keys.map((_, i) => (i % 3 ? -1 : 86_400 * i)),
      dbsize: 99,
    };
    const encoded = keysPageJson(page, { progress: 0.25 });
    expect(Buffer.from(encoded.body).toString()).toBe(JSON.stringify(toJsonForm(encoded.value())));
    expect(JSON.parse(Buffer.from(encoded.body).toString()).keys[10]).toEqual({
      key: { b64: "//4A" },
      type: "ReJSON-RL",
      ttl: -1,
    });
  });

  it("writes names only, and an empty page", () => {
    for (const keys of [[...binary, ...odd], []]) {
      const encoded = keysPageJson(
        { cursor: "0", keys, types: null, ttls: null, dbsize: 0 },
        { progress: 1 },
      );
      expect(Buffer.from(encoded.body).toString()).toBe(
        JSON.stringify(toJsonForm(encoded.value())),
      );
    }
  });

  it("adds the exact key (left out of the rows) or its absence, and the progress", () => {
    const keys = [Buffer.from("a"), binary[0] as Buffer, Buffer.from("b")];
    const page = {
      cursor: "7",
      keys,
      types: ["string", "hash", "set"],
      ttls: [-1, 5, -1],
      dbsize: 3,
    };
    const exact = { key: binary[0] as Buffer, type: "hash", ttl: 5 };
    const found = keysPageJson(page, { exact, progress: 0.125 });
    const text = Buffer.from(found.body).toString();
    expect(text).toBe(JSON.stringify(toJsonForm(found.value())));
    expect(JSON.parse(text).keys.map((k: { key: unknown }) => k.key)).toEqual(["a", "b"]);
    expect(JSON.parse(text).exact).toEqual({ key: { b64: "//4A" }, type: "hash", ttl: 5 });
    const absent = keysPageJson(page, { exact: null, progress: 0.125 });
    expect(JSON.parse(Buffer.from(absent.body).toString())).toMatchObject({ exact: null });
    expect(JSON.parse(Buffer.from(absent.body).toString()).keys).toHaveLength(3);
  });

  it("grows past its size hint", () => {
    const keys = Array.from({ length: 50 }, () => Buffer.from("\u0001".repeat(200)));
    const encoded = keysPageJson(
      { cursor: "0", keys, types: null, ttls: null, dbsize: 1 },
      { progress: 0.5 },
    );
    expect(JSON.parse(Buffer.from(encoded.body).toString()).keys).toHaveLength(50);
  });
});
