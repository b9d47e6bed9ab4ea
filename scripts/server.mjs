// Keyscope's HTTP server: Next's request handler behind a plain node:http server, so that
// (1) the client address Keyscope sees is the socket's, never a header a client made up
//     (login throttling and the audit log key on it), and
// (2) start-up refuses to expose the dashboard beyond loopback without a password, and
// (3) API reads (GET/HEAD under /api/) are answered by the route handlers directly, outside
//     Next's request pipeline (lib/api-direct.mjs says why and what still goes through Next).
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { createApiDirect } from "./lib/api-direct.mjs";
import { clientAddress, trustedHops } from "./lib/client-address.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// This file runs under plain Node before Next loads lib/config.ts (TypeScript), so it reads the
// few variables it needs to open its socket itself, the way the schema there reads them; the
// schema parses them again at start-up (instrumentation.ts, inside app.prepare(), before
// listen), so a bad value still stops Keyscope with a message naming it.
const on = (/** @type {string | undefined} */ v) => /^(1|true|yes|on)$/i.test(v?.trim() ?? "");
const off = (/** @type {string | undefined} */ v) => /^(0|false|no|off)$/i.test(v?.trim() ?? "");
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);

/** 127.0.0.0/8, ::1 and localhost only reach this machine. */
/** @param {string} address */
export function isLoopback(address) {
  return address === "localhost" || address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);
}

if (!isLoopback(host) && !process.env.KEYSCOPE_PASSWORD && !on(process.env.KEYSCOPE_INSECURE)) {
  console.error(
    `keyscope: refusing to listen on ${host} without a password: anyone who can reach it could read and delete your data.\n` +
      "  Set KEYSCOPE_PASSWORD=<a long secret> (and optionally KEYSCOPE_TOKEN for scripts),\n" +
      "  or set KEYSCOPE_INSECURE=1 if something else in front of Keyscope already controls access.",
  );
  process.exit(1);
}

// KEYSCOPE_TRUST_PROXY=N: N reverse proxies append to X-Forwarded-For (lib/client-address.mjs).
// A bad value is refused by lib/config.ts at start-up, before listen; 0 until then.
const hops = trustedHops(process.env.KEYSCOPE_TRUST_PROXY) || 0;
const app = next({ dev: false, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

// KEYSCOPE_API_FAST_PATH=0 sends every API request through Next, for troubleshooting (and for
// the tests that compare both); when the build is not shaped as the fast path expects, it says
// so once here and Next answers everything, as it does for each route it cannot take.
const direct = off(process.env.KEYSCOPE_API_FAST_PATH)
  ? null
  : createApiDirect({
      dist: join(root, process.env.KEYSCOPE_DIST_DIR || ".next"),
      host,
      port,
      hops,
    });
if (direct && "unavailable" in direct)
  console.error(`keyscope: API reads go through Next's pipeline (slower): ${direct.unavailable}`);
const serveDirect = direct && "serve" in direct ? direct.serve : null;

const FORWARDED = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"];

/** The raw request target (a write elsewhere, even one Next would normalise into /api, is refused). */
/** @param {string | undefined} url */
function isApiPath(url) {
  return url?.startsWith("/api/") === true;
}

// No page takes a body (there are no server actions; forms call the API). Next would copy a
// page POST's body for the proxy (next.config.mjs) and log a stack trace when its client goes
// away mid-upload, or a warning when it is over 64 KiB: one line or more per request, which a
// flood of abandoned uploads turns into thousands. Refused here before Next reads anything.
/** @param {import("node:http").ServerResponse} res */
function refusePageWrite(res) {
  res.writeHead(405, {
    allow: "GET, HEAD",
    "content-type": "text/plain; charset=utf-8",
    "x-content-type-options": "nosniff",
    connection: "close",
  });
  res.end("Pages are read with GET; the API is under /api.\n");
}

const server = createServer((req, res) => {
  // Always overwritten, so a client-sent x-keyscope-client never reaches the guard. Only the
  // address the trusted proxies added is used, never one the client wrote to the left of it.
  req.headers["x-keyscope-client"] = clientAddress({
    forwardedFor: req.headers["x-forwarded-for"],
    remoteAddress: req.socket.remoteAddress,
    hops,
  });
  // Without a trusted proxy every X-Forwarded-* header is the client's word: Next would build
  // the request's URL from X-Forwarded-Proto (an https URL makes the session cookie Secure, and
  // lib/auth/session-cookie.ts reads the header only behind KEYSCOPE_TRUST_PROXY). Next sets
  // them again from the socket.
  if (hops === 0) for (const name of FORWARDED) delete req.headers[name];
  // The request target as the client sent it: Next re-encodes the query before a route sees it
  // (key=bin:%FF arrives as the bytes of U+FFFD), so lib/api/route.ts checks this one for bytes
  // that are not UTF-8. Always overwritten; a target with raw non-ASCII bytes is not copied
  // (it cannot be a header value) and those are refused by Node's parser or Next anyway.
  const target = req.url ?? "";
  if (/^[\x21-\x7e]*$/.test(target)) req.headers["x-keyscope-target"] = target;
  else delete req.headers["x-keyscope-target"];
  const read = req.method === "GET" || req.method === "HEAD";
  if (!read && !isApiPath(req.url)) {
    refusePageWrite(res);
    return;
  }
  if (read && serveDirect && isApiPath(req.url)) serveDirect(req, res, () => handle(req, res));
  else handle(req, res);
});
server.listen(port, host, () => {
  console.log(`keyscope: listening on http://${host.includes(":") ? `[${host}]` : host}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
