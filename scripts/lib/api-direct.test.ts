import { describe, expect, it } from "vitest";
import { acceptsGzip, schemeOf } from "./api-direct.mjs";
import { matchRoute, parsePage } from "./api-routes.mjs";

// The pure parts of the fast path (scripts/lib/api-direct.mjs): which paths it takes, the
// params it decodes, and what it refuses so that Next decides. The answers themselves are
// compared with Next's in e2e/api-direct.spec.ts.

const route = (page: string) => {
  const segments = parsePage(page);
  if (!segments) throw new Error(page);
  return { page, file: `${page}.js`, segments, handlers: undefined };
};
const routes = [
  route("/api/health"),
  route("/api/connections"),
  route("/api/connections/[conn]/databases"),
  route("/api/connections/[conn]/db/[db]/key"),
  route("/api/connections/[conn]/db/[db]/key/value"),
  route("/api/jobs/[jobId]"),
  route("/api/jobs/latest"), // not a real route: checks that static beats dynamic
];
const match = (target: string) => {
  const m = matchRoute(routes, target);
  return m && { page: m.route.page, params: m.params };
};

describe("matchRoute", () => {
  it("matches static and dynamic routes and decodes params once", () => {
    expect(match("/api/health")).toEqual({ page: "/api/health", params: {} });
    expect(match("/api/health?x=%FF")).toEqual({ page: "/api/health", params: {} });
    expect(match("/api/connections/a%20b/db/0/key?key64=AQ")).toEqual({
      page: "/api/connections/[conn]/db/[db]/key",
      params: { conn: "a b", db: "0" },
    });
    expect(match("/api/connections/%25/databases")?.params).toEqual({ conn: "%" });
    expect(match("/api/connections/%D0%BA/databases")?.params).toEqual({ conn: "к" });
  });

  it("prefers a static segment to a dynamic one, as Next does", () => {
    expect(match("/api/jobs/latest")?.page).toBe("/api/jobs/latest");
    expect(match("/api/jobs/j1")?.page).toBe("/api/jobs/[jobId]");
  });

  it("leaves anything odd to Next", () => {
    for (const target of [
      "/api/nope",
      "/api/health/",
      "/api//health",
      "/api/Health",
      "/api/h%65alth",
      "/api/connections/a%2Fb/databases",
      "/api/connections/a%2fb/databases",
      "/api/connections/a%5Cb/databases",
      "/api/connections/a\\b/databases",
      "/api/connections/../databases",
      "/api/connections/%2e%2e/databases",
      "/api/connections/./databases",
      "/api/connections//databases",
      "/api/connections/%FF/databases",
      "/api/connections/%E0%A4/databases",
      "/api/connections/x/databases#frag",
      "/apix/health",
      "/health",
    ])
      expect(match(target), target).toBeNull();
  });
});

describe("parsePage", () => {
  it("takes plain and [name] segments only", () => {
    expect(parsePage("/api/jobs/[jobId]")).toEqual([
      { name: "api", dynamic: false },
      { name: "jobs", dynamic: false },
      { name: "jobId", dynamic: true },
    ]);
    expect(parsePage("/api/openapi.json")).not.toBeNull();
    for (const page of ["/api/[...all]", "/api/[[...all]]", "/api/(group)/x", "/api/@slot/x"])
      expect(parsePage(page), page).toBeNull();
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding as a client means it", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("schemeOf", () => {
  it("trusts X-Forwarded-Proto only from the trusted proxies' entry", () => {
    expect(schemeOf("https", 0)).toBe("http");
    expect(schemeOf(undefined, 1)).toBe("http");
    expect(schemeOf("https", 1)).toBe("https");
    expect(schemeOf("https, http", 1)).toBe("http"); // the client wrote "https"
    expect(schemeOf("http, https", 1)).toBe("https");
    expect(schemeOf("https, http", 2)).toBe("https");
  });
});
