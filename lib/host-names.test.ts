import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { hostNameOf } from "./host-names";

describe("hostNameOf (the name a Host header carries)", () => {
  it("normalises case, brackets and a trailing dot, and drops the port", () => {
    expect(hostNameOf("LocalHost.:3000")).toBe("localhost");
    expect(hostNameOf("[::1]:3000")).toBe("::1");
    expect(hostNameOf("127.0.0.1")).toBe("127.0.0.1");
  });

  it("refuses what is not a plain name (userinfo, paths, spaces, bare IPv6, empty)", () => {
    for (const h of [null, "", "a@b", "a/b", "a b", "::1", "[evil]", "a:b:c", "a:99999999", "a..b"])
      expect(hostNameOf(h), JSON.stringify(h)).toBeNull();
  });
});

describe("KEYSCOPE_ALLOWED_HOSTS", () => {
  it("takes comma-separated names and addresses, normalised", () => {
    const c = loadConfig({ KEYSCOPE_ALLOWED_HOSTS: "Keyscope.Example.com., 10.0.0.7,[fd00::1]" });
    expect(c.server.allowedHosts).toEqual(["keyscope.example.com", "10.0.0.7", "fd00::1"]);
    expect(loadConfig({}).server.allowedHosts).toEqual([]);
  });

  it("refuses URLs and ports with a message naming the variable", () => {
    for (const v of ["https://keyscope.example.com", "keyscope.example.com:3000", "a b", "*"])
      expect(() => loadConfig({ KEYSCOPE_ALLOWED_HOSTS: v }), v).toThrow(/KEYSCOPE_ALLOWED_HOSTS/);
  });
});
