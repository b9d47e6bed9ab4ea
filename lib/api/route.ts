import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import {
  type AuditEntry,
  appendAudit,
  type CutField,
  countRefusal,
  describeWrite,
  makeEntry,
  refusalBeforeLogin,
} from "@/lib/audit";
import { nonUtf8QueryParam } from "@/lib/bytes";
import {
  type BodyOf,
  type ByteAnswer,
  type Endpoint,
  type EventAnswer,
  isJsonBody,
  isJsonResponse,
  type ParamsOf,
  type QueryOf,
  type ResultOf,
} from "@/lib/endpoints/define";
import { ApiError } from "@/lib/errors";
import { assertDatabase } from "@/lib/redis/databases";
import { readBody } from "./body";
import { EncodedJson } from "./encoded-json";
import { errorResponse } from "./errors";
import { assertNotReadOnly, clientOf, guardRequest, isWrite } from "./guard";
import { withApiHeaders } from "./headers";
import { toJsonForm } from "./json-form";

// The one wrapper every route handler is built with, from the endpoint's definition
// (lib/endpoints): it awaits params (a Promise in Next 16), runs the guard (auth, cross-site and
// read-only checks), parses params, query and body with the definition's schemas, calls the
// handler, encodes its result through the response schema (so that schema checks the server),
// turns whatever is thrown into the error shape of docs/api.md, and appends every write
// (allowed or refused) to the audit log.

type RouteContext = {
  params: Promise<Record<string, string | string[] | undefined> | undefined>;
};

export type Input<E extends Endpoint> = ParamsOf<E> & {
  req: Request;
  query: QueryOf<E>;
  body: BodyOf<E>;
  /** Headers for the answer, error answers included (set-cookie, retry-after). */
  headers: Headers;
};

type Options<E extends Endpoint> = {
  /** The audit log's name for this write (default: method and path). */
  action?: string;
  /** Runs after the guard, before the body is read (login: a throttled client's body is never read). */
  beforeBody?: (req: Request, headers: Headers) => void;
  /** A body refused for what it is (malformed, too large, off its schema): login counts a failure. */
  onBadBody?: (req: Request) => void;
  /**
   * A POST that may only read (a CLI read command, a bulk dry run): whether this request writes,
   * from what it asks for. Read-only mode is then checked after parsing, by the same guard, and
   * a request that reads is neither refused in read-only mode nor written to the audit log.
   */
  writes?: (input: Input<E>) => boolean | Promise<boolean>;
  /**
   * The write changes Keyscope's own record of a connection (add, edit, delete, import), not its
   * Redis: read-only mode refuses it, as it refuses deleting an analysis report, but a read-only
   * connection does not (its flag is one of the things an edit may change).
   */
  keyscopeState?: boolean;
  /** The audit line's keys and details, where the body's own fields would say too much or too little. */
  describe?: (input: Input<E>) => Pick<AuditEntry, "keys" | "detail">;
};

/** A route handler as Next calls it, carrying its definition (test/harness.ts reads it). */
export type RouteHandler<E extends Endpoint = Endpoint> = ((
  req: Request,
  ctx: RouteContext,
) => Promise<Response>) & { readonly endpoint: E };

type Scope = { conn?: string; db?: number };

/** Query parameters; one that is repeated (`k=a&k=b`) becomes an array. */
function queryObject(req: Request): Record<string, string | string[]> {
  const url = new URL(req.url);
  // Checked on the raw query: URLSearchParams would already have made bad bytes U+FFFD, and
  // behind scripts/server.mjs Next has re-encoded req.url's query the same way, so the target
  // the client sent (x-keyscope-target, set there) is checked too.
  const sent = req.headers.get("x-keyscope-target");
  const sentQuery = sent?.includes("?") ? sent.slice(sent.indexOf("?")) : "";
  const bad = nonUtf8QueryParam(sentQuery) ?? nonUtf8QueryParam(url.search);
  if (bad !== null) {
    const hint =
      bad === "key" || bad === "match" ? `; send these bytes as ${bad}64 (base64url)` : "";
    throw new ApiError("BAD_REQUEST", `${bad}: not valid UTF-8 once percent-decoded${hint}.`);
  }
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

const CHECK_AGAINST_SCHEMA = process.env.NODE_ENV !== "production";

/** The handler's result as JSON; a result that does not fit its schema is the server's bug (500). */
function encodeResult(e: Endpoint, answer: unknown): unknown {
  if (!isJsonResponse(e.response)) return answer;
  // Already bytes (lib/api/encoded-json.ts): in production sent as they are; elsewhere checked
  // below through the plain value, and the bytes must be what the plain path would send.
  const bytes = answer instanceof EncodedJson ? answer : null;
  if (bytes && !CHECK_AGAINST_SCHEMA) return bytes;
  const result = bytes ? bytes.value() : answer;
  const json = toJsonForm(result);
  if (bytes && !isDeepStrictEqual(JSON.parse(Buffer.from(bytes.body).toString()), json))
    throw new Error(`${e.method} ${e.path}: the answer's bytes differ from its value`);
  if (!CHECK_AGAINST_SCHEMA) return json;
  const encoded = z.safeEncode(e.response, result);
  // Not a ZodError: that would become a 400, blaming the client for the server's answer.
  if (!encoded.success)
    throw new Error(
      `${e.method} ${e.path}: the answer does not match its schema: ${encoded.error.message}`,
    );
  // Compared as JSON (key order and undefined fields aside): extra fields, or bytes encoded
  // differently, are the server's bug too.
  if (
    !isDeepStrictEqual(JSON.parse(JSON.stringify(encoded.data)), JSON.parse(JSON.stringify(json)))
  )
    throw new Error(`${e.method} ${e.path}: the answer has fields its schema does not list`);
  return bytes ?? json;
}

function respond(e: Endpoint, result: unknown, headers: Headers): Response {
  headers.set("cache-control", "no-store");
  if (!isJsonResponse(e.response) && e.response.kind === "events") {
    headers.set("content-type", e.response.contentType);
    // Nginx and friends buffer answers unless told not to; an event stream must not wait.
    headers.set("x-accel-buffering", "no");
    return new Response((result as EventAnswer).events, { status: e.status ?? 200, headers });
  }
  if (!isJsonResponse(e.response)) {
    const { body, length, filename } = result as ByteAnswer;
    headers.set("content-type", e.response.contentType);
    headers.set("content-length", String(length));
    headers.set("content-disposition", `attachment; filename="${filename}"`);
    return new Response(body, { status: e.status ?? 200, headers });
  }
  if (result instanceof EncodedJson) {
    headers.set("content-type", "application/json");
    return new Response(result.body, { status: e.status ?? 200, headers });
  }
  return Response.json(result, { status: e.status ?? 200, headers });
}

function withHeaders(res: Response, headers: Headers): Response {
  for (const [name, value] of headers) res.headers.set(name, value);
  return res;
}

/** Builds the route handler of one endpoint; `handler` must return the response's type. */
export function handle<E extends Endpoint>(
  e: E,
  // NoInfer: E comes from the definition alone, so the handler's literals (`ok: true`) stay literal.
  handler: NoInfer<(input: Input<E>) => Promise<ResultOf<E> | EncodedJson<ResultOf<E>>>>,
  options: Options<E> = {},
): RouteHandler<E> {
  const run = async (req: Request, ctx: RouteContext): Promise<Response> => {
    // Next resolves `params` to undefined for a route without dynamic segments.
    const raw = (await ctx.params) ?? {};
    // Parsed before the guard so a refused write's audit line still names its database, but
    // a bad one is only reported after the guard: auth and read-only answers come first.
    const params = e.params?.safeParse(raw);
    const parsed = (params?.success ? params.data : {}) as Record<string, unknown>;
    const scope: Scope = {
      conn: typeof raw.conn === "string" ? raw.conn : undefined,
      db: typeof parsed.db === "number" ? parsed.db : undefined,
    };
    const headers = new Headers();
    let query: unknown;
    let body: unknown;
    let response: Response;
    let release: (() => void) | undefined;
    // Until a `writes` decision says otherwise, every non-GET request is a write.
    let writes = isWrite(req.method);
    let input: Input<E> | undefined;
    try {
      guardRequest(req, scope.conn, {
        open: e.open,
        readOnlyLater: options.writes !== undefined || options.keyscopeState === true,
        rawBodyType: e.body && !isJsonBody(e.body) ? e.body.contentType : undefined,
      });
      if (options.keyscopeState && writes) assertNotReadOnly(undefined);
      if (params && !params.success) throw params.error;
      if (scope.conn !== undefined && scope.db !== undefined)
        await assertDatabase(scope.conn, scope.db);
      query = e.query?.parse(queryObject(req));
      options.beforeBody?.(req, headers);
      // A raw upload (`body: {kind: "bytes"}`) is left in req.body for the handler to stream.
      if (isJsonBody(e.body)) {
        const read = { open: e.open, headers, onRefused: options.onBadBody };
        ({ value: body, release } = await readBody(e.body, req, read));
      }
      input = { ...parsed, req, query, body, headers } as Input<E>;
      if (writes && options.writes) {
        writes = await options.writes(input);
        if (writes) assertNotReadOnly(scope.conn);
      }
      response = respond(e, encodeResult(e, await handler(input)), headers);
    } catch (error) {
      response = withHeaders(errorResponse(error, scope.conn), headers);
    } finally {
      release?.(); // the body's bytes go back to the in-flight budget once the answer is built
    }
    if (writes) {
      const described = input && options.describe ? options.describe(input) : undefined;
      await audit(req, scope, e, options, { query, body, described }, response);
    }
    return withApiHeaders(response);
  };
  return Object.assign(run, { endpoint: e });
}

/** A refused write's query as far as it parses (none when it is not even UTF-8). */
function auditQuery(e: Endpoint, req: Request): unknown {
  try {
    return e.query?.safeParse(queryObject(req)).data;
  } catch {
    return undefined;
  }
}

/**
 * A write refused for read-only mode never had its body read; it is read now (within the usual
 * limits), for the audit line only, so the line names the keys and setting the write was for.
 */
async function refusedBody(e: Endpoint, req: Request, code: string | undefined) {
  if (code !== "READ_ONLY" || !isJsonBody(e.body)) return undefined;
  try {
    const { value, release } = await readBody(e.body, req, { headers: new Headers() });
    release();
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Every write, allowed or refused, is one line of the audit log, but for refusals before login
 * (wrong Host, no session, failed logins): anyone can send those, so they are counted instead.
 */
async function audit<E extends Endpoint>(
  req: Request,
  scope: Scope,
  e: E,
  options: Options<E>,
  parts: { query: unknown; body: unknown; described?: Pick<AuditEntry, "keys" | "detail"> },
  res: Response,
) {
  const { query, body } = parts;
  const refusal = refusalBeforeLogin(req, e.open === true, res);
  if (refusal) return countRefusal(refusal, clientOf(req));
  const path = new URL(req.url).pathname.replace(/^\/api\/connections\/[^/]+(\/db\/\d+)?/, "");
  let code: string | undefined;
  if (!res.ok) {
    const cloned = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string } } | null;
    code = cloned?.error?.code;
  }
  const cut: CutField[] = [];
  const described =
    parts.described ??
    describeWrite(
      // A refused write never got its query parsed; parse it here so the log still names the keys.
      query ?? auditQuery(e, req),
      body ?? (await refusedBody(e, req, code)),
      cut,
    );
  const entry = {
    time: new Date().toISOString(),
    client: clientOf(req),
    conn: scope.conn ?? null,
    db: scope.db ?? null,
    action: options.action ?? `${req.method} ${path || "/"}`,
    ...described,
    result: { status: res.status, ...(code && { code }) },
  };
  await appendAudit(makeEntry(entry, cut));
}
