import "server-only";
import type { z } from "zod";
import { appendAudit, describeWrite } from "@/lib/audit";
import { assertDatabase } from "@/lib/redis/databases";
import { dbParams } from "@/lib/schemas/connections";
import { readJsonBody } from "./body";
import { errorResponse } from "./errors";
import { clientOf, guardRequest, isWrite } from "./guard";

// The one wrapper every route handler is built with: it awaits params (a Promise in Next 16),
// runs the guard (auth, cross-site and read-only checks), parses query and body with zod,
// calls the handler, turns whatever it throws into the error shape of docs/api.md, and
// appends every write (allowed or refused) to the audit log.

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Spec<Q, B> = {
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Status of a successful answer (default 200). */
  status?: number;
  /** Reachable without logging in (health, login). */
  open?: boolean;
  /** The audit log's name for this write (default: method and path). */
  action?: string;
};

type Base<Q, B> = { req: Request; query: Q; body: B };
export type ConnInput<Q, B> = Base<Q, B> & { conn: string };
export type DbInput<Q, B> = ConnInput<Q, B> & { db: number };

type Scope = { conn?: string; db?: number };

/** Query parameters; one that is repeated (`k=a&k=b`) becomes an array. */
function queryObject(req: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function respond(result: unknown, status: number): Response {
  if (result instanceof Response) return result;
  return Response.json(result, { status, headers: { "cache-control": "no-store" } });
}

async function run<Q, B>(
  req: Request,
  scope: Scope,
  spec: Spec<Q, B>,
  handler: (input: Base<Q, B>) => Promise<unknown>,
): Promise<Response> {
  let query: Q | undefined;
  let body: B | undefined;
  let response: Response;
  try {
    guardRequest(req, scope.conn, spec.open);
    if (scope.conn !== undefined && scope.db !== undefined)
      await assertDatabase(scope.conn, scope.db);
    query = (spec.query ? spec.query.parse(queryObject(req)) : undefined) as Q;
    body = (spec.body ? spec.body.parse(await readJsonBody(req)) : undefined) as B;
    response = respond(await handler({ req, query, body }), spec.status ?? 200);
  } catch (e) {
    response = errorResponse(e);
  }
  if (isWrite(req.method)) await audit(req, scope, spec, query, body, response);
  return response;
}

/** Every write, allowed or refused, is one line of the audit log. */
async function audit<Q, B>(
  req: Request,
  scope: Scope,
  spec: Spec<Q, B>,
  query: Q | undefined,
  body: B | undefined,
  res: Response,
) {
  const path = new URL(req.url).pathname.replace(/^\/api\/connections\/[^/]+(\/db\/\d+)?/, "");
  let code: string | undefined;
  if (!res.ok) {
    const cloned = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string } } | null;
    code = cloned?.error?.code;
  }
  await appendAudit({
    time: new Date().toISOString(),
    client: clientOf(req),
    conn: scope.conn ?? null,
    db: scope.db ?? null,
    action: spec.action ?? `${req.method} ${path || "/"}`,
    // A refused write never got its query parsed; parse it here so the log still names the keys.
    ...describeWrite(query ?? spec.query?.safeParse(queryObject(req)).data, body),
    result: { status: res.status, ...(code && { code }) },
  });
}

/** A route outside any connection: /api/health, /api/connections, /api/openapi.json. */
export function route<Q = undefined, B = undefined>(
  spec: Spec<Q, B>,
  handler: (input: Base<Q, B>) => Promise<unknown>,
) {
  return (req: Request, _ctx: RouteContext) => run(req, {}, spec, handler);
}

/** A route under /api/connections/{conn}. */
export function connRoute<Q = undefined, B = undefined>(
  spec: Spec<Q, B>,
  handler: (input: ConnInput<Q, B>) => Promise<unknown>,
) {
  return async (req: Request, ctx: RouteContext) => {
    const conn = String((await ctx.params).conn);
    return run(req, { conn }, spec, (input) => handler({ ...input, conn }));
  };
}

/** A route under /api/connections/{conn}/db/{db}. */
export function dbRoute<Q = undefined, B = undefined>(
  spec: Spec<Q, B>,
  handler: (input: DbInput<Q, B>) => Promise<unknown>,
) {
  return async (req: Request, ctx: RouteContext) => {
    const parsed = dbParams.safeParse(await ctx.params);
    if (!parsed.success) return errorResponse(parsed.error);
    const { conn, db } = parsed.data;
    return run(req, { conn, db }, spec, (input) => handler({ ...input, conn, db }));
  };
}

/** Raw bytes from a parsed schema, as the Buffer ioredis needs (a Uint8Array would be stringified). */
export function buf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
