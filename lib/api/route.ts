import "server-only";
import type { z } from "zod";
import { assertDatabase } from "@/lib/redis/databases";
import { dbParams } from "@/lib/schemas/connections";
import { readJsonBody } from "./body";
import { errorResponse } from "./errors";
import { guardRequest } from "./guard";

// The one wrapper every route handler is built with: it awaits params (a Promise in Next 16),
// runs the guard (auth, cross-site and read-only checks), parses query and body with zod,
// calls the handler and turns whatever it throws into the error shape of docs/api.md.

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Spec<Q, B> = {
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Status of a successful answer (default 200). */
  status?: number;
};

type Base<Q, B> = { req: Request; query: Q; body: B };
export type ConnInput<Q, B> = Base<Q, B> & { conn: string };
export type DbInput<Q, B> = ConnInput<Q, B> & { db: number };

type Scope = { conn?: string; db?: number };

function queryObject(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) out[k] = v;
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
  try {
    guardRequest(req, scope.conn);
    if (scope.conn !== undefined && scope.db !== undefined)
      await assertDatabase(scope.conn, scope.db);
    const query = (spec.query ? spec.query.parse(queryObject(req)) : undefined) as Q;
    const body = (spec.body ? spec.body.parse(await readJsonBody(req)) : undefined) as B;
    return respond(await handler({ req, query, body }), spec.status ?? 200);
  } catch (e) {
    return errorResponse(e);
  }
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
