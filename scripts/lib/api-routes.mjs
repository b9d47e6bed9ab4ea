// The build's /api routes for the API fast path (api-direct.mjs): read from Next's manifests
// once at start-up, and matched against a request's raw path the way Next would, or not at all
// (anything odd is left to Next).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {(req: Request, ctx: { params: Promise<Record<string, string>> | undefined }) =>
 *   Promise<Response> | Response} RouteHandler
 * @typedef {{ GET: RouteHandler, HEAD: RouteHandler | undefined }} Handlers
 * @typedef {{ page: string, file: string, segments: Segment[],
 *   handlers: Promise<Handlers | null> | undefined }} Route
 * @typedef {{ name: string, dynamic: boolean }} Segment
 * @typedef {{ route: Route, params: Record<string, string> }} Match
 */

/**
 * The build's /api routes and their module files, or the reason the fast path cannot be used.
 * @param {string} dist absolute path of the build directory
 * @returns {{ routes: Route[], compress: boolean } | { unavailable: string }}
 */
export function readRoutes(dist) {
  /** @param {string} name */
  const manifest = (name) => JSON.parse(readFileSync(join(dist, name), "utf8"));
  try {
    const routesManifest = manifest("routes-manifest.json");
    // Rewrites, custom headers or redirects, a basePath or i18n change what a path means or what
    // an answer carries, in ways this file does not reproduce: all of it goes to Next then.
    const redirects = (routesManifest.redirects ?? []).filter(
      (/** @type {{ internal?: boolean }} */ r) => !r.internal,
    );
    const rewrites = routesManifest.rewrites ?? {};
    const rewriteCount = Array.isArray(rewrites)
      ? rewrites.length
      : Object.values(rewrites).reduce((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
    if (routesManifest.basePath || routesManifest.i18n)
      return { unavailable: "the build has a basePath or i18n" };
    if (redirects.length || rewriteCount || routesManifest.headers?.length)
      return { unavailable: "next.config has redirects, rewrites or headers" };
    if (existsSync(join(dist, "server", "pages-manifest.json"))) {
      const pages = Object.keys(manifest(join("server", "pages-manifest.json")));
      if (pages.some((p) => p === "/api" || p.startsWith("/api/")))
        return { unavailable: "the build has pages/api routes" };
    }
    const proxyMatchers = readProxyMatchers(dist);
    const prerendered = new Set(Object.keys(manifest("prerender-manifest.json").routes ?? {}));
    /** @type {Record<string, string>} */
    const appPaths = manifest("app-path-routes-manifest.json");
    /** @type {Route[]} */
    const routes = [];
    for (const [entry, page] of Object.entries(appPaths)) {
      if (!page.startsWith("/api/") || !entry.endsWith("/route")) continue;
      const segments = parsePage(page);
      const file = join(dist, "server", "app", `${entry}.js`);
      // A prerendered (static) route is answered from Next's cache; a route the proxy matches
      // must pass through it; a catch-all or a route group is matched by rules not copied here.
      if (!segments || prerendered.has(page) || !existsSync(file)) continue;
      const sample = segments.map((s) => (s.dynamic ? "x" : s.name)).join("/");
      if (proxyMatchers.some((re) => re.test(`/${sample}`))) continue;
      routes.push({ page, file, segments, handlers: undefined });
    }
    if (routes.length === 0) return { unavailable: "no /api route in the build's manifests" };
    // next.config's `compress: false` (something in front compresses) holds here too.
    const compress = manifest("required-server-files.json").config?.compress !== false;
    return { routes, compress };
  } catch (e) {
    return {
      unavailable: `cannot read the build's manifests (${/** @type {Error} */ (e).message})`,
    };
  }
}

/**
 * The proxy's (middleware's) path matchers; one that cannot be read makes every path match.
 * @param {string} dist
 * @returns {RegExp[]}
 */
function readProxyMatchers(dist) {
  const file = join(dist, "server", "functions-config-manifest.json");
  const legacy = JSON.parse(readFileSync(join(dist, "server", "middleware-manifest.json"), "utf8"));
  if (Object.keys(legacy.middleware ?? {}).length) return [/^/];
  if (!existsSync(file)) return [];
  const proxy = JSON.parse(readFileSync(file, "utf8")).functions?.["/_middleware"];
  if (!proxy) return [];
  const matchers = Array.isArray(proxy.matchers) ? proxy.matchers : [];
  if (matchers.length === 0) return [/^/];
  return matchers.map((/** @type {{ regexp?: unknown }} */ m) =>
    typeof m.regexp === "string" ? new RegExp(m.regexp) : /^/,
  );
}

/**
 * `/api/connections/[conn]/databases` as segments; null for what is not plain static and
 * `[name]` segments (catch-alls, optional segments, groups, parallel routes).
 * @param {string} page
 * @returns {Segment[] | null}
 */
export function parsePage(page) {
  /** @type {Segment[]} */
  const out = [];
  for (const part of page.slice(1).split("/")) {
    const dynamic = /^\[([A-Za-z_$][\w$]*)\]$/.exec(part);
    if (dynamic?.[1]) out.push({ name: dynamic[1], dynamic: true });
    else if (/^[\w.-]+$/.test(part) && part !== "." && part !== "..")
      out.push({ name: part, dynamic: false });
    else return null;
  }
  return out;
}

/** Percent-escapes that would change a path's shape once decoded: `/`, `\`, and dots. */
const SHAPE_ESCAPE = /%(?:2f|5c|2e)/i;

/**
 * The route a raw request target names, and its params decoded; null when it names none
 * plainly (Next decides then). Static segments beat dynamic ones at every level, as in Next.
 * @param {Route[]} routes
 * @param {string} target the raw request target (req.url)
 * @returns {Match | null}
 */
export function matchRoute(routes, target) {
  const q = target.indexOf("?");
  const path = q === -1 ? target : target.slice(0, q);
  if (!path.startsWith("/api/") || /\/\/|\\|#/.test(path)) return null;
  const parts = path.slice(1).split("/");
  /** @type {string[]} */
  const decoded = [];
  for (const part of parts) {
    if (part === "" || part === "." || part === ".." || SHAPE_ESCAPE.test(part)) return null;
    try {
      decoded.push(decodeURIComponent(part));
    } catch {
      return null; // Next answers bad percent-encoding itself
    }
  }
  /** @type {Match | null} */
  let best = null;
  let bestRank = "";
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    let rank = "";
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const seg = /** @type {Segment} */ (route.segments[i]);
      if (seg.dynamic) {
        params[seg.name] = /** @type {string} */ (decoded[i]);
        rank += "1";
      } else if (seg.name === parts[i]) rank += "0";
      else {
        ok = false;
        break;
      }
    }
    // The most static route wins: "0" (static) sorts before "1" (dynamic), segment by segment.
    if (ok && (best === null || rank < bestRank)) {
      best = { route, params };
      bestRank = rank;
    }
  }
  return best;
}
