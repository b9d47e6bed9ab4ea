// Answers GET and HEAD requests under /api/ by calling the build's compiled route handlers
// directly, outside Next's request pipeline; scripts/server.mjs hands everything else to Next.
//
// Why: Next's app-route pipeline costs ~1.3 ms of CPU per request whatever the route does (an
// empty route handler served 1/21.7 of a bare node:http server), against ~0.1 ms for
// Keyscope's own code; under 50 browsing clients that floor was most of the server's time
// (docs/benchmarks.md, "API under load"). Everything Keyscope checks lives in the route
// handlers themselves (lib/api/route.ts's handle(): Host allow-list, auth, guard, parsing,
// error shape, security headers), and proxy.ts does not run for /api, so calling the handler
// with a web Request skips nothing of Keyscope's. What Next did around the handler and is
// redone here: matching the route and decoding its params, the Request (URL, headers, an
// AbortSignal), writing the Response (headers, streamed body with backpressure, HEAD, gzip).
//
// Anything odd goes to Next, which behaves as it always did: a path that is not plainly one of
// the build's /api routes (`..`, `//`, encoded slashes, a trailing slash, bad percent-encoding,
// other case), a route without GET, a module whose shape is not what this expects, a build
// with rewrites, headers, a basePath or a proxy matching /api. Writes always go through Next
// (its body handling is what lib/api/body.ts is written against).
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { createGzip, gzip as gzipCallback, constants as zlib } from "node:zlib";
import { matchRoute, readRoutes } from "./api-routes.mjs";

/**
 * @typedef {import("./api-routes.mjs").Handlers} Handlers
 * @typedef {import("./api-routes.mjs").Route} Route
 * @typedef {import("./api-routes.mjs").Match} Match
 * @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse,
 *   next: () => void) => void} Serve
 */

/** What compressible means here: JSON and text, never downloads or event streams. */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript))/i;
// Next's compression middleware skips answers whose first write is under 1 KiB (its
// threshold); gzip would make those bigger. Level 1: a 300 KB key page takes ~1.5 ms at level 1
// against ~5 ms at zlib's default, for a few percent more bytes.
const GZIP_THRESHOLD = 1024;
const GZIP_OPTIONS = { level: zlib.Z_BEST_SPEED };
/** Framing headers of the handler's Response that node:http sets itself. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "set-cookie"]);
// The security headers of an API answer (lib/api/headers.ts, which this plain-Node file cannot
// import); used only for the 500 written when a handler itself throws, which handle() never
// lets happen. e2e/api-direct.spec.ts checks that they match the handlers' own.
const API_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

/**
 * The route module's GET (and HEAD, if it has its own), or null when the module is not an app
 * route of the expected shape, or its answers depend on Next's caching (`dynamic`,
 * `revalidate`), or it has no GET: Next answers those (405 for a route without GET).
 * @param {NodeJS.Require} require
 * @param {Route} route
 * @returns {Promise<Handlers | null>}
 */
async function loadHandlers(require, route) {
  const mod = require(route.file);
  const routeModule = mod?.routeModule;
  if (
    routeModule?.definition?.kind !== "APP_ROUTE" ||
    routeModule.definition.pathname !== route.page
  )
    throw new Error(`${route.file} is not the app route of ${route.page}`);
  // Route files with top-level await are loaded asynchronously (Next awaits the same).
  if (typeof routeModule.ensureUserland === "function") await routeModule.ensureUserland();
  const userland = routeModule.userland;
  if (!userland || typeof userland !== "object") throw new Error(`${route.page}: no route exports`);
  const cached =
    (userland.dynamic !== undefined && userland.dynamic !== "force-dynamic") ||
    (userland.revalidate !== undefined && userland.revalidate !== 0) ||
    (userland.runtime !== undefined && userland.runtime !== "nodejs");
  if (cached || typeof userland.GET !== "function") return null;
  return {
    GET: userland.GET,
    HEAD: typeof userland.HEAD === "function" ? userland.HEAD : undefined,
  };
}

/**
 * The request's scheme as Next builds its URL, but trusting X-Forwarded-Proto only from the
 * trusted proxies (scripts/server.mjs deletes it without one), and only the entry the
 * outermost of them appended, as lib/auth/session-cookie.ts reads it.
 * @param {string | string[] | undefined} header
 * @param {number} hops
 */
export function schemeOf(header, hops) {
  if (hops === 0 || header === undefined) return "http";
  const entries = String(header)
    .split(",")
    .map((e) => e.trim().toLowerCase());
  return entries[Math.max(0, entries.length - hops)] === "https" ? "https" : "http";
}

/**
 * Whether the client takes gzip (`Accept-Encoding` with gzip or `*`, not at q=0).
 * @param {string | undefined} header
 */
export function acceptsGzip(header) {
  if (!header) return false;
  for (const item of header.split(",")) {
    const [coding = "", ...params] = item.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (q === undefined || Number(q) > 0) return true;
  }
  return false;
}

/**
 * The fast path for one build, or the reason it cannot be used.
 * @param {{ dist: string, host: string, port: number, hops: number }} opts
 * @returns {{ serve: Serve, routes: number } | { unavailable: string }}
 */
export function createApiDirect({ dist, host, port, hops }) {
  const read = readRoutes(dist);
  if ("unavailable" in read) return read;
  const { routes, compress } = read;
  const require = createRequire(join(dist, "server", "app", "index.js"));
  // Next builds the request's URL from the address it was told to listen on, not from Host
  // (which the guard checks against the allow-list); so does this.
  const origin = `${host.includes(":") ? `[${host}]` : host}:${port}`;

  /** @param {Route} route */
  const handlersOf = (route) => {
    route.handlers ??= loadHandlers(require, route).catch((e) => {
      console.error(
        `keyscope: ${route.page} goes through Next: ${e instanceof Error ? e.message : e}`,
      );
      return null;
    });
    return route.handlers;
  };

  /** @type {Serve} */
  const serve = (req, res, next) => {
    const match =
      req.method === "GET" || req.method === "HEAD" ? matchRoute(routes, req.url ?? "") : null;
    if (!match) return next();
    handlersOf(match.route)
      .then((handlers) => (handlers ? answer(req, res, next, handlers, match) : next()))
      .catch((e) => {
        console.error(`keyscope: ${req.method} ${match.route.page} failed:`, e);
        internalError(res);
      });
  };

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {() => void} next
   * @param {Handlers} handlers
   * @param {Match} match
   */
  async function answer(req, res, next, handlers, match) {
    /** @type {Request} */
    let request;
    const aborted = new AbortController();
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.append(name, value);
      }
      const url = `${schemeOf(req.headers["x-forwarded-proto"], hops)}://${origin}${req.url}`;
      request = new Request(url, { method: req.method, headers, signal: aborted.signal });
    } catch {
      // Headers or a target undici refuses but node:http took: Next's answer, whatever it is.
      return next();
    }
    // As Next does: the client went away before the whole answer was written.
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort(new Error("the client went away"));
    });
    const handler = (req.method === "HEAD" && handlers.HEAD) || handlers.GET;
    const ctx = {
      params: match.route.segments.some((s) => s.dynamic)
        ? Promise.resolve(match.params)
        : undefined,
    };
    /** @type {Response} */
    let response;
    try {
      response = await handler(request, ctx);
      if (!(response instanceof Response))
        throw new Error("the route handler returned no Response");
    } catch (e) {
      console.error(`keyscope: ${req.method} ${match.route.page} threw:`, e);
      return internalError(res);
    }
    await send(req, res, response, aborted.signal);
  }

  /**
   * Writes a handler's Response: status, headers, and the body streamed as the client takes it.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {Response} response
   * @param {AbortSignal} signal
   */
  async function send(req, res, response, signal) {
    const body = response.body;
    if (res.destroyed || signal.aborted) return void body?.cancel().catch(() => {});
    /** @type {Record<string, string | string[]>} */
    const headers = {};
    response.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) headers["set-cookie"] = cookies;
    const type = response.headers.get("content-type") ?? "";
    const compressible =
      compress && COMPRESSIBLE.test(type) && !response.headers.has("content-encoding");
    if (compressible)
      headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
    if (req.method === "HEAD" || body === null) {
      res.writeHead(response.status, headers).end();
      return void body?.cancel().catch(() => {});
    }
    const reader = body.getReader();
    const stop = () => void reader.cancel().catch(() => {});
    signal.addEventListener("abort", stop, { once: true });
    try {
      const first = await reader.read();
      // A JSON answer is one chunk: knowing that (one read ahead) lets it go out as one write
      // with a Content-Length, where a chunked answer costs a second write for its end (a
      // syscall each: ~20% of the CPU of a small answer). Never for an event stream, whose
      // first event must not wait for the second.
      const stream = /^text\/event-stream/i.test(type);
      const second = first.done || stream ? null : await reader.read();
      const whole = first.done ? Buffer.alloc(0) : second?.done ? Buffer.from(first.value) : null;
      const size = Number(response.headers.get("content-length") ?? first.value?.byteLength ?? 0);
      const gzip =
        compressible &&
        size >= GZIP_THRESHOLD &&
        acceptsGzip(req.headers["accept-encoding"]) &&
        !/no-transform/i.test(response.headers.get("cache-control") ?? "");
      if (gzip) {
        delete headers["content-length"];
        headers["content-encoding"] = "gzip";
      }
      if (whole) {
        const bytes = gzip ? await gzipped(whole) : whole;
        if (res.destroyed) return;
        headers["content-length"] = String(bytes.length);
        res.writeHead(response.status, headers).end(bytes);
        return;
      }
      if (res.destroyed) return stop();
      res.writeHead(response.status, headers);
      /** @type {import("node:stream").Writable} */
      const sink = gzip ? createGzip(GZIP_OPTIONS) : res;
      if (sink !== res) {
        sink.pipe(res);
        sink.on("error", (e) => res.destroy(e));
      }
      /** @type {ReadableStreamReadResult<Uint8Array>} */
      let chunk = first;
      let ahead = second;
      while (!chunk.done) {
        if (!sink.write(chunk.value)) await drained(sink, res);
        if (res.destroyed) return stop();
        chunk = ahead ?? (await reader.read());
        ahead = null;
      }
      sink.end();
    } catch (e) {
      // The body failed after its status went out (Redis went away mid-download): all that can
      // be said is to cut the connection, so the client sees the answer is incomplete.
      if (!signal.aborted)
        console.error(
          `keyscope: ${req.method} ${req.url?.split("?")[0]}: the answer's body failed:`,
          e,
        );
      stop();
      if (res.headersSent) res.destroy();
      else internalError(res);
    } finally {
      signal.removeEventListener("abort", stop);
    }
  }

  return { serve, routes: routes.length };
}

/** One whole answer gzipped, off the main thread (zlib's thread pool). */
const gzipped = (/** @type {Buffer} */ bytes) => promisify(gzipCallback)(bytes, GZIP_OPTIONS);

/**
 * Resolves once `sink` can take more, or the response is gone.
 * @param {import("node:stream").Writable} sink
 * @param {import("node:http").ServerResponse} res
 * @returns {Promise<void>}
 */
function drained(sink, res) {
  return new Promise((resolve) => {
    const done = () => {
      sink.off("drain", done);
      res.off("close", done);
      resolve();
    };
    sink.on("drain", done);
    res.on("close", done);
  });
}

/**
 * The API's 500 in its error shape (docs/api.md), for a handler that threw outside handle().
 * @param {import("node:http").ServerResponse} res
 */
function internalError(res) {
  if (res.headersSent || res.destroyed) return void res.destroy();
  const body = JSON.stringify({
    error: { code: "INTERNAL", message: "Internal error; the server log has the details." },
  });
  res.writeHead(500, {
    ...API_HEADERS,
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
