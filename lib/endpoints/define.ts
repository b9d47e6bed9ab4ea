import type { z } from "zod";

// What an endpoint is, once: the route (lib/api/route.ts), the OpenAPI document
// (lib/api/openapi.ts), the client (lib/api-client.ts), the tests (test/harness.ts) and
// docs/api.md's endpoint list are all made from these objects. Client-safe: no server imports.

export type Method = "GET" | "PUT" | "POST" | "DELETE";

/** An answer that is not JSON: the bytes themselves, streamed (the key download). */
export type ByteStream = { readonly kind: "bytes"; readonly contentType: string };
/**
 * Server-Sent Events (lib/api/sse.ts): one JSON object per `data:` line, each one of `event`'s
 * shapes (byte strings in their JSON form), and last an `event: end` with `{"reason", …}`.
 */
export type EventStream = {
  readonly kind: "events";
  readonly contentType: "text/event-stream";
  readonly event: z.ZodType;
};
export type RawResponse = ByteStream | EventStream;
/**
 * A request body that is not JSON: the handler reads `req.body` itself, as a stream (an import
 * file, up to KEYSCOPE_MAX_IMPORT_BYTES, is never held in memory).
 */
export type ByteUpload = { readonly kind: "bytes"; readonly contentType: string };

/** An event stream's definition (the content type is always the same). */
export function events<S extends z.ZodType>(event: S) {
  return { kind: "events", contentType: "text/event-stream", event } as const;
}

export type Endpoint = {
  readonly method: Method;
  /** With `{name}` for each path parameter, as in OpenAPI and the app/api/**​/[name] folders. */
  readonly path: string;
  /** One line for the OpenAPI document and docs/api.md. */
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType | ByteUpload;
  /** The JSON answer's schema (byte strings through the jsonBytes codec), or a raw kind. */
  readonly response: z.ZodType | RawResponse;
  /** Status of a successful answer (default 200). */
  readonly status?: number;
  /** Reachable without logging in (health, login). */
  readonly open?: boolean;
};

export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

export const CONN = "/api/connections/{conn}";
export const DB = "/api/connections/{conn}/db/{db}";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** Parsed path parameters, query and body, as the handler gets them (bytes as Buffers). */
export type ParamsOf<E extends Endpoint> = E extends { params: infer S } ? Out<S> : unknown;
export type QueryOf<E extends Endpoint> = E extends { query: infer S } ? Out<S> : undefined;
export type BodyOf<E extends Endpoint> = E extends { body: infer S } ? Out<S> : undefined;

/** What a byte-stream handler returns; the wrapper adds the headers. */
export type ByteAnswer = {
  body: ReadableStream<Uint8Array>;
  length: number;
  /** The download's file name (sent as content-disposition: attachment). */
  filename: string;
};

/** What an event-stream handler returns (made by lib/api/sse.ts's eventStream). */
export type EventAnswer = { readonly events: ReadableStream<Uint8Array> };

/** What the handler returns: the response's decoded type (bytes as Buffers). */
export type ResultOf<E extends Endpoint> = E["response"] extends z.ZodType
  ? z.output<E["response"]>
  : E["response"] extends EventStream
    ? EventAnswer
    : ByteAnswer;

/** The answer as it travels, and as the browser keeps it (bytes in their JSON form). */
export type JsonOf<E extends Endpoint> = E["response"] extends z.ZodType
  ? z.input<E["response"]>
  : never;

/** Path parameters as a caller gives them (`db` may be a number). */
export type ParamsIn<E extends Endpoint> = E extends { params: infer S }
  ? { [K in keyof In<S>]: string | number }
  : undefined;

type QueryValue = string | number | readonly string[] | undefined;
/** Query parameters as a caller gives them: the schema's input, with numbers allowed. */
export type QueryIn<E extends Endpoint> = E extends { query: infer S }
  ? { [K in keyof In<S>]?: In<S>[K] extends string | undefined ? string | number : In<S>[K] }
  : undefined;
export type BodyIn<E extends Endpoint> = E extends { body: infer S } ? In<S> : undefined;

export function isJsonResponse(r: Endpoint["response"]): r is z.ZodType {
  return "_zod" in r; // every zod schema has it; a raw kind is a plain object
}

/** A JSON body (a zod schema), not a raw upload. */
export function isJsonBody(b: Endpoint["body"]): b is z.ZodType {
  return b !== undefined && "_zod" in b;
}

/**
 * The URL of a call: path parameters filled in and percent-encoded, then the query; an array
 * repeats its parameter (`k=a&k=b`), undefined and "" are left out.
 */
export function endpointUrl(
  e: Endpoint,
  params?: Record<string, string | number>,
  query?: Record<string, QueryValue>,
): string {
  const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`${e.method} ${e.path}: no value for {${name}}`);
    return encodeURIComponent(String(v));
  });
  const search = new URLSearchParams();
  for (const [name, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === "") continue;
    for (const one of Array.isArray(v) ? v : [v]) search.append(name, String(one));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
