import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toJsonForm } from "@/lib/api/json-form";
import { handle } from "@/lib/api/route";
import { endpoint } from "@/lib/endpoints";
import { jsonBytes } from "@/lib/schemas/bytes";
import { keysPage } from "@/lib/schemas/keys";

// The wrapper turns results into JSON without zod (too slow for 5,000-key pages) and, outside
// production, checks that the answer is exactly what the response schema would have encoded.

const probe = endpoint({
  method: "GET",
  path: "/api/probe",
  summary: "test only",
  open: true,
  response: z.object({ key: jsonBytes, n: z.number(), note: z.string().optional() }),
});

async function answer(result: unknown): Promise<{ status: number; json: unknown }> {
  const route = handle(probe, async () => result as never);
  const res = await route(
    new Request("http://localhost/api/probe", { headers: { host: "localhost" } }),
    {
      params: Promise.resolve(undefined),
    },
  );
  return { status: res.status, json: await res.json() };
}

describe("answers in their JSON form", () => {
  it("gives what z.encode gives, for text, binary and empty bytes", () => {
    const page = {
      cursor: "7",
      dbsize: 3,
      keys: [
        { key: Buffer.from("user:1"), type: "string", ttl: -1 },
        { key: Buffer.from([0xff, 0x00, 0x41]), type: "hash", ttl: 30 },
        { key: Buffer.alloc(0) },
      ],
    };
    expect(toJsonForm(page)).toEqual(z.encode(keysPage, page));
    expect(toJsonForm(page)).toEqual({
      cursor: "7",
      dbsize: 3,
      keys: [
        { key: "user:1", type: "string", ttl: -1 },
        { key: { b64: "/wBB" }, type: "hash", ttl: 30 },
        { key: "" },
      ],
    });
  });

  it("answers a result that fits its schema", async () => {
    expect(await answer({ key: Buffer.from([0xc3, 0x28]), n: 1 })).toEqual({
      status: 200,
      json: { key: { b64: "wyg=" }, n: 1 },
    });
  });

  it("refuses, as the server's bug (500), a result with a field its schema does not list", async () => {
    const { status, json } = await answer({ key: Buffer.from("k"), n: 1, secret: "x" });
    expect(status).toBe(500);
    expect(JSON.stringify(json)).not.toContain("secret");
  });

  it("refuses a result whose bytes are not bytes, or that lacks a field", async () => {
    expect((await answer({ key: "k", n: 1 })).status).toBe(500);
    expect((await answer({ key: Buffer.from("k") })).status).toBe(500);
  });
});
