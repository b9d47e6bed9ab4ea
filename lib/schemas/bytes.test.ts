import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonBytes } from "./bytes";
import { keyQuery } from "./keys";

describe("jsonBytes codec", () => {
  it("decodes both JSON forms to a Buffer ioredis sends as bytes", () => {
    const text = z.decode(jsonBytes, "héllo");
    expect(Buffer.isBuffer(text)).toBe(true);
    expect(text.equals(Buffer.from("héllo"))).toBe(true);
    const raw = z.decode(jsonBytes, { b64: "/wA=" });
    expect(Buffer.isBuffer(raw)).toBe(true);
    expect([...raw]).toEqual([0xff, 0x00]);
  });

  it("refuses what is not a byte string", () => {
    for (const bad of [{ b64: "***" }, { b64: "AA==", extra: 1 }, { b64: "A" }, 42, null, {}])
      expect(() => z.decode(jsonBytes, bad as never), JSON.stringify(bad)).toThrow();
  });

  it("encodes UTF-8 as text (a BOM kept) and anything else as base64", () => {
    expect(z.encode(jsonBytes, Buffer.from("a\nb"))).toBe("a\nb");
    expect(z.encode(jsonBytes, Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("\ufeffA");
    expect(z.encode(jsonBytes, Buffer.from([0xc3, 0x28]))).toEqual({ b64: "wyg=" });
    // A plain Uint8Array (not a Buffer) encodes the same way.
    expect(z.encode(jsonBytes, new Uint8Array([0xff]) as Buffer)).toEqual({ b64: "/w==" });
  });

  it("round-trips any bytes exactly", () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(i % 40);
      const back = z.decode(jsonBytes, z.encode(jsonBytes, bytes));
      expect(back.equals(bytes)).toBe(true);
    }
  });

  it("refuses a response that is not bytes when encoding", () => {
    expect(() => z.encode(jsonBytes, "text" as unknown as Buffer)).toThrow();
  });
});

describe("keys in query strings", () => {
  it("parse key and key64 to Buffers, exactly one of them", () => {
    const a = keyQuery.parse({ key: "a b" }).key;
    expect(Buffer.isBuffer(a) && a.equals(Buffer.from("a b"))).toBe(true);
    const b = keyQuery.parse({ key64: "_wA" }).key;
    expect(Buffer.isBuffer(b) && [...b]).toEqual([0xff, 0x00]);
    expect(keyQuery.safeParse({}).success).toBe(false);
    expect(keyQuery.safeParse({ key: "a", key64: "YQ" }).success).toBe(false);
    expect(keyQuery.safeParse({ key64: "a+b" }).success).toBe(false);
  });
});
