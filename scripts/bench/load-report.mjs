// The prose of the "load" section's report: what this run measured, and what the profiles
// behind the section found (kept apart from load.mjs, which measures).

/** @param {number} n */
const ms2 = (n) => `${n.toFixed(2)} ms`;

/**
 * The figures of this run, then what a CPU profile and in-process measures of the route
 * handlers showed when this section was written (2026-12-01, Next 16.4, Node 20), and what
 * answering API reads outside Next's pipeline changed (2026-12-02).
 * @param {number} bare @param {number} floor @param {number} health @param {number} base @param {number} ks
 * @param {number} healthNext @param {number} ksNext
 */
export function whereTheTimeGoes(bare, floor, health, base, ks, healthNext, ksNext) {
  return [
    `**Where the time goes.** Server CPU per request in this run: bare \`node:http\` ${ms2(bare)}; an empty Next route handler ${ms2(floor)}, the floor under every request Next answers; Keyscope's \`/api/health\` ${ms2(health)} on the fast path against ${ms2(healthNext)} through Next's pipeline. Browsing, Keyscope spends ${ms2(ks)} per request (${ms2(ksNext)} through Next) where the baseline spends ${ms2(base)} on the same Redis work.`,
    "",
    "A CPU profile of Keyscope under this load (`node --cpu-prof scripts/start.mjs`) and the route handlers called in-process (production mode, 10 at a time, the same Redis) put Keyscope's own code — `handle()`, the guard, the session check, zod parsing, `lib/redis`, the JSON form — at about 0.1 ms a request: key details took 0.17 ms of CPU against 0.07 ms for the same ioredis calls made bare, a hash's first page 0.33 against 0.25 ms, `/api/health` 0.1 ms. The rest was Next's app-route pipeline, which runs whatever the route does: a `NextRequest` built from the node request, the dynamic route matched (`prefixRouteKeys` structured-clones its keys), `AsyncLocalStorage` snapshots (each `AsyncResource.bind` calls `util.deprecate` twice), the Response's web stream piped into the node response, and the compression middleware. Those targets could not be met from inside Next: the empty route alone was a fixed multiple of the baseline's whole request.",
    "",
    "So `scripts/server.mjs` answers `GET`/`HEAD` under `/api/` itself (`scripts/lib/api-direct.mjs`, docs/architecture.md \"API reads outside Next's pipeline\"): the route table read once from the build's manifests, each route module's `GET` called with a web `Request` (URL, headers, an `AbortSignal` for a client that goes away) and its params, the `Response` written with backpressure, gzip (level 1) for JSON of 1 KiB or more; writes, pages and anything odd (`..`, encoded slashes, no such route, a route without `GET`) still go through Next. Every check still runs, since it lives in `handle()`. What remains per request is undici's `Request`/`Response`/`Headers` and their web streams (~0.05 ms in a profile of `/api/health`), `handle()` and the socket writes; a one-chunk JSON answer goes out in one write with a `Content-Length` (a chunked answer cost a second write for its end: ~20% of a small answer's CPU).",
  ].join("\n");
}
