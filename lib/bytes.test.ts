import { describe, expect, it } from "vitest";
import {
  base64ToBytes,
  bytesToBase64,
  bytesToBase64Url,
  bytesToJson,
  displayBytes,
  displayJsonBytes,
  hexDump,
  jsonToBytes,
  keyParam,
  nonUtf8QueryParam,
} from "./bytes";

describe("bytes", () => {
  it("base64 matches Node for every length and byte", () => {
    for (let n = 0; n < 40; n++) {
      const b = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));
      expect(bytesToBase64(b)).toBe(b.toString("base64"));
      expect(bytesToBase64Url(b)).toBe(b.toString("base64url"));
      expect(Buffer.from(base64ToBytes(b.toString("base64")))).toEqual(b);
      expect(Buffer.from(base64ToBytes(b.toString("base64url")))).toEqual(b);
    }
    expect(() => base64ToBytes("a")).toThrow();
    expect(() => base64ToBytes("ab$d")).toThrow();
  });

  it("turns bytes into JSON text only when they are valid UTF-8, and back bit for bit", () => {
    const cases = [
      Buffer.from("plain"),
      Buffer.from("\uFEFFbom"),
      Buffer.from([0xff, 0x00]),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from(""),
    ];
    for (const b of cases) expect(Buffer.from(jsonToBytes(bytesToJson(b)))).toEqual(b);
    expect(bytesToJson(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ b64: "7aCA" }); // a lone surrogate is not UTF-8
  });

  it("shows bytes unambiguously", () => {
    expect(displayBytes(Buffer.from([0x61, 0xff, 0x0a, 0x5c, 0x00]))).toBe("a\\xff\\n\\\\\\x00");
    expect(displayBytes(Buffer.from("ключ🗝"))).toBe("ключ🗝");
    expect(displayBytes(Buffer.from([0xe2, 0x82]))).toBe("\\xe2\\x82");
  });

  it("escapes bidi overrides and invisible format characters, so a name cannot pose as another", () => {
    // "user:\u202Egnp.exe" would show as "user:exe.png" if the override were shown raw.
    expect(displayBytes(Buffer.from("user:\u202Egnp.exe"))).toBe("user:\\u202egnp.exe");
    for (const c of [
      "\u061C",
      "\u200B",
      "\u200E",
      "\u200F",
      "\u202A",
      "\u2066",
      "\u2069",
      "\uFEFF",
    ])
      expect(displayBytes(Buffer.from(`a${c}b`))).toBe(
        `a\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}b`,
      );
    expect(displayJsonBytes("a\u202Eb")).toBe("a\\u202eb");
    // Ordinary non-ASCII text is still shown as it is.
    expect(displayBytes(Buffer.from("שלום עולם"))).toBe("שלום עולם");
  });

  it("names keys in URLs with key= or key64=", () => {
    expect(keyParam("a b/?")).toBe("key=a%20b%2F%3F");
    expect(keyParam("line\nbreak")).toBe(
      `key64=${Buffer.from("line\nbreak").toString("base64url")}`,
    );
    expect(keyParam({ b64: "/w==" })).toBe("key64=_w");
  });

  it("finds query parameters that are not UTF-8 once percent-decoded", () => {
    expect(nonUtf8QueryParam("")).toBeNull();
    expect(nonUtf8QueryParam("?key=a%20b&count=5")).toBeNull();
    expect(nonUtf8QueryParam("?key=%C3%BC+x")).toBeNull();
    expect(nonUtf8QueryParam("?count=5&key=bin:%FF")).toBe("key");
    expect(nonUtf8QueryParam("?match=%E2%82")).toBe("match");
    expect(nonUtf8QueryParam("?%FF=1")).toBe("\\xff");
  });

  it("hex-dumps with offsets and ASCII", () => {
    expect(hexDump(Buffer.from("AB\x00"), 16)).toBe(`00000010  ${"41 42 00".padEnd(47)}  AB.`);
  });
});
