import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeAllClients } from "@/lib/redis/client";
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

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export type CallOptions = {
  params?: Record<string, string>;
  query?: Record<string, string | undefined> | string;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  method?: string;
  /** The request path (it names the action in the audit log); a placeholder by default. */
  path?: string;
};

/** Calls a route handler the way Next does, and returns its status and parsed JSON. */
type AnyJson = any;

export async function call(
  handler: Handler,
  opts: CallOptions = {},
): Promise<{ status: number; json: AnyJson }> {
  const qs =
    typeof opts.query === "string"
      ? opts.query
      : new URLSearchParams(defined(opts.query)).toString();
  const headers: Record<string, string> = { host: "localhost", ...defined(opts.headers) };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new Request(`http://localhost${opts.path ?? "/api/test"}${qs ? `?${qs}` : ""}`, {
    method: opts.method ?? "GET",
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, json: await res.json() };
}

function defined(o: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

export const b64url = (b: Buffer) => b.toString("base64url");
