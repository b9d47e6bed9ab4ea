import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as openapi from "@/app/api/openapi.json/route";
import { ENDPOINTS, type Endpoint } from "@/lib/endpoints";
import { call } from "../harness";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];
const id = (e: Pick<Endpoint, "method" | "path">) => `${e.method} ${e.path}`;

describe("endpoint definitions", () => {
  it("match the app routes one to one, each handler built from its own definition", async () => {
    const served: string[] = [];
    for (const file of routeFiles("app/api")) {
      const path = file
        .replace(/^app/, "")
        .replace(/\/route\.ts$/, "")
        .replace(/\[(\w+)\]/g, "{$1}");
      const mod = (await import(join(process.cwd(), file))) as Record<string, unknown>;
      for (const method of METHODS.filter((m) => m in mod)) {
        served.push(`${method} ${path}`);
        const handler = mod[method] as { endpoint?: Endpoint };
        // A handler wired to another endpoint's definition would parse and answer the wrong shapes.
        expect(handler.endpoint && id(handler.endpoint), `${file} ${method}`).toBe(
          `${method} ${path}`,
        );
      }
    }
    const defined = ENDPOINTS.map(id);
    expect(served.filter((s) => !defined.includes(s))).toEqual([]); // routes without a definition
    expect(defined.filter((d) => !served.includes(d))).toEqual([]); // definitions without a route
    expect(new Set(defined).size).toBe(defined.length);
  });
});

describe("GET /api/openapi.json", () => {
  it("describes every endpoint, the download as a byte stream", async () => {
    const { status, json } = await call(openapi.GET);
    expect(status).toBe(200);
    expect(json.openapi).toBe("3.1.0");
    for (const e of ENDPOINTS)
      expect(json.paths[e.path]?.[e.method.toLowerCase()], id(e)).toBeTruthy();
    expect(json.paths["/api/connections/{conn}/db/{db}/key/ttl"].put.requestBody).toBeTruthy();
    const download = json.paths["/api/connections/{conn}/db/{db}/key/download"].get;
    expect(download.responses["200"].content).toEqual({
      "application/octet-stream": { schema: { type: "string", format: "binary" } },
    });
    // Byte strings are documented in their JSON form, not as the server's Buffers.
    const rename = json.paths["/api/connections/{conn}/db/{db}/key/rename"].post;
    const newKey = rename.responses["200"].content["application/json"].schema.properties.newKey;
    expect(JSON.stringify(newKey)).toContain("b64");
  });
});
