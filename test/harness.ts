import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { z } from "zod";
import { resetConfigForTests } from "@/lib/config";
import { type Endpoint, isJsonResponse } from "@/lib/endpoints";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { closeAllClients } from "@/lib/redis/client";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { type RedisProcess, startRedis, tempPath } from "@/scripts/lib/redis-server.mjs";

// Each test file gets its own throwaway redis-server (never the machine's 6379), points
// Keyscope's config at it, and flushes it before each test.

export type TestRedis = {
  readonly server: RedisProcess;
  /** A plain client for arranging and checking data, outside Keyscope's registry. */
  readonly raw: Redis;
};

export function withRedisServer(
  opts: { env?: Record<string, string>; flush?: boolean } = {},
): TestRedis {
  let server: RedisProcess | undefined;
  let raw: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    process.env.REDIS_URL = server.url;
    process.env.KEYSCOPE_DATA_DIR = tempPath("keyscope-data-"); // never the repo's ./data
    for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
    resetConfigForTests();
    raw = new Redis(server.url, { protocol: 2, lazyConnect: false });
    raw.on("error", () => {}); // the faults tests stop this server on purpose
  });
  if (opts.flush !== false) {
    beforeEach(async () => {
      await raw?.flushall();
    });
  }
  afterAll(async () => {
    closeAllStreams();
    await closeAllClients();
    raw?.disconnect();
    await server?.stop();
    for (const k of Object.keys(opts.env ?? {})) delete process.env[k];
  });
  return {
    get server() {
      if (!server) throw new Error("redis-server not started yet");
      return server;
    },
    get raw() {
      if (!raw) throw new Error("redis-server not started yet");
      return raw;
    },
  };
}

/** A route handler as lib/api/route.ts builds it: it carries its endpoint's definition. */
export type Handler = ((
  req: Request,
  ctx: { params: Promise<Record<string, string> | undefined> },
) => Promise<Response>) & { readonly endpoint: Endpoint };

export type CallOptions = {
  params?: Record<string, string>;
  query?: Record<string, string | undefined> | string;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  /** The definition's method unless given (a test may send another on purpose). */
  method?: string;
  /** The request path (it names the action in the audit log); the definition's by default. */
  path?: string;
};

/** The error shape of docs/api.md, with a status that matches its code. */
const errorBody = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().min(1),
  }),
});

/**
 * Every answer a test gets is checked here: a 2xx JSON body against the endpoint's response
 * schema (decoding it, as the browser does), an error against the error shape. A mismatch
 * fails the test that made the call, whatever that test asserts itself.
 */
function checkAnswer(e: Endpoint, res: Response, json: unknown): void {
  const where = `${e.method} ${e.path} answered ${res.status}`;
  if (res.ok) {
    if (res.status !== (e.status ?? 200)) throw new Error(`${where}, not ${e.status ?? 200}`);
    if (!isJsonResponse(e.response)) {
      const type = res.headers.get("content-type");
      if (type !== e.response.contentType) throw new Error(`${where} as ${type}`);
      return;
    }
    const checked = z.safeDecode(e.response, json as never);
    if (!checked.success) throw new Error(`${where} off its schema: ${checked.error.message}`);
    return;
  }
  const checked = errorBody.safeParse(json);
  if (!checked.success) throw new Error(`${where} off the error shape: ${JSON.stringify(json)}`);
  const want = ERROR_STATUS[checked.data.error.code];
  if (want !== res.status) throw new Error(`${where} with ${checked.data.error.code} (${want})`);
}

/** Calls a route handler the way Next does and returns its answer, once checked. */
export async function send(handler: Handler, opts: CallOptions = {}): Promise<Response> {
  const e = handler.endpoint;
  const qs =
    typeof opts.query === "string"
      ? opts.query
      : new URLSearchParams(defined(opts.query)).toString();
  const headers: Record<string, string> = { host: "localhost", ...defined(opts.headers) };
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (opts.body instanceof Uint8Array) {
    body = new Uint8Array(opts.body); // a raw upload (an import file)
    headers["content-type"] ??= "application/octet-stream";
  } else if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const path = opts.path ?? pathOf(e, opts.params ?? {});
  const req = new Request(`http://localhost${path}${qs ? `?${qs}` : ""}`, {
    method: opts.method ?? e.method,
    headers,
    body,
  });
  // As Next does: a route without dynamic segments gets params that resolve to undefined.
  const params = opts.params ?? (e.params ? {} : undefined);
  const res = await handler(req, { params: Promise.resolve(params) });
  const raw = res.ok && !isJsonResponse(e.response);
  checkAnswer(e, res, raw ? null : await res.clone().json());
  return res;
}

type AnyJson = any;

/** `send`, for JSON answers: their status and parsed body. */
export async function call(
  handler: Handler,
  opts: CallOptions = {},
): Promise<{ status: number; json: AnyJson }> {
  const res = await send(handler, opts);
  return { status: res.status, json: await res.json() };
}

/** The definition's path with the test's params, or the template itself where one is missing. */
function pathOf(e: Endpoint, params: Record<string, string>): string {
  return e.path.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : encodeURIComponent(params[name]),
  );
}

function defined(o: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

export const b64url = (b: Buffer) => b.toString("base64url");

/**
 * Runs `fn` with Keyscope connected as an ACL user that has every permission but those `denied`
 * (e.g. "-@scripting", as managed services do), then reconnects as before.
 */
export async function asRestrictedUser(
  redis: TestRedis,
  denied: string[],
  fn: () => Promise<void>,
): Promise<void> {
  await redis.raw.call("ACL", "SETUSER", "restricted", "on", ">pw", "~*", "&*", "+@all", ...denied);
  await redis.raw.call("ACL", "LOG", "RESET");
  const url = process.env.REDIS_URL as string;
  process.env.REDIS_URL = url.replace("redis://", "redis://restricted:pw@");
  resetConfigForTests();
  await closeAllClients();
  try {
    await fn();
  } finally {
    process.env.REDIS_URL = url;
    resetConfigForTests();
    await closeAllClients();
  }
}
