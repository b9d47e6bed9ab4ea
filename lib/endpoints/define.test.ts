import { describe, expect, it } from "vitest";
import { keyQuery } from "@/lib/bytes";
import { endpointUrl, keys, values } from "./index";

describe("endpointUrl", () => {
  it("fills and encodes path parameters, then the query", () => {
    expect(endpointUrl(keys.info, { conn: "a/b c", db: 3 }, keyQuery("x y"))).toBe(
      "/api/connections/a%2Fb%20c/db/3/key?key=x+y",
    );
    expect(endpointUrl(values.read, { conn: "c", db: 0 }, keyQuery({ b64: "/w==" }))).toBe(
      "/api/connections/c/db/0/key/value?key64=_w",
    );
  });

  it("repeats array parameters and leaves out empty ones", () => {
    const url = endpointUrl(
      keys.meta,
      { conn: "c", db: 0 },
      { k: ["YQ", "Yg"], x: "", y: undefined },
    );
    expect(url).toBe("/api/connections/c/db/0/keys/meta?k=YQ&k=Yg");
  });

  it("refuses a path without its parameters", () => {
    expect(() => endpointUrl(keys.info, { conn: "c" })).toThrow(/\{db\}/);
  });
});
