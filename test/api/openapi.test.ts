import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as openapi from "@/app/api/openapi.json/route";
import { DOCUMENTED } from "@/lib/api/openapi";
import { call } from "../harness";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? routeFiles(p) : name === "route.ts" ? [p] : [];
  });
}

describe("GET /api/openapi.json", () => {
  it("describes every route the server has, with every method", async () => {
    const served: string[] = [];
    for (const file of routeFiles("app/api")) {
      const path = `${file
        .replace(/^app/, "")
        .replace(/\/route\.ts$/, "")
        .replace(/\[(\w+)\]/g, "{$1}")}`;
      for (const m of readFileSync(file, "utf8").matchAll(
        /export const (GET|PUT|POST|DELETE|PATCH)\b/g,
      ))
        served.push(`${m[1]} ${path}`);
    }
    const undocumented = served.filter(
      (s) => !DOCUMENTED.includes(s) && s !== "GET /api/openapi.json",
    );
    expect(undocumented).toEqual([]);
    const { status, json } = await call(openapi.GET);
    expect(status).toBe(200);
    expect(json.openapi).toBe("3.1.0");
    expect(json.paths["/api/connections/{conn}/db/{db}/key/ttl"].put.requestBody).toBeTruthy();
  });
});
