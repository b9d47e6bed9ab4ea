import "server-only";
import type { z } from "zod";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";

// Request bodies, read only after the guard has let the request through (lib/api/route.ts):
// - at most KEYSCOPE_MAX_BODY_BYTES (16 MiB) for a logged-in client, and OPEN_BODY_MAX_BYTES
//   on routes that need no login (a login body is a few dozen bytes), counted as bytes arrive
//   so an oversized body is never buffered;
// - at most BODY_BUDGET_FACTOR × that limit held by all requests at once (see below);
// - nested at most MAX_JSON_DEPTH deep, checked on the bytes before JSON.parse: a 10 MB
//   `[[[[…` nest cost JSON.parse ~3 s of CPU each, a stall for every other request.

/**
 * Routes without login (`open`) take this much: a login body is a few dozen bytes, and the
 * longest password the schema takes (4,096 characters) fits even written as `\uXXXX` escapes.
 */
export const OPEN_BODY_MAX_BYTES = 32 * 1024;
/** No endpoint's body nests deeper than 4; 64 leaves room and refuses hostile nests cheaply. */
export const MAX_JSON_DEPTH = 64;
/**
 * Bodies held at once, across all requests, as a multiple of the per-body limit (64 MiB by
 * default): 150 parallel 10 MB uploads grew RSS by 333 MiB–1.6 GB before. One body of the
 * maximum size always fits an idle server.
 */
const BODY_BUDGET_FACTOR = 4;

const inFlight = processState("bodyBytesInFlight", () => ({ bytes: 0 }));

/** Bytes of request bodies held right now (tests read it). */
export function bodyBytesInFlight(): number {
  return inFlight.bytes;
}

/**
 * Full budget: 413 with Retry-After, not 503. RFC 9110 §15.5.14 allows a temporary 413 with
 * Retry-After, and 503 means "Redis is unavailable" in this API: the UI shows its Redis-down
 * banner on it and retries, which a busy upload slot is not.
 */
export class BodyBudgetFull extends ApiError {
  constructor() {
    super("TOO_LARGE", "The server is reading too many request bodies at once; retry shortly.");
  }
}

export type ReadOptions = {
  /** The route needs no login: the small limit applies. */
  open?: boolean;
  /** The answer's headers (Retry-After when the budget is full). */
  headers: Headers;
  /** Called when the body is refused for what it is (malformed, too large, off its schema). */
  onRefused?: (req: Request) => void;
};

export type HeldBody<T> = {
  value: T;
  /** Gives the body's bytes back to the budget; call once the answer is built. */
  release: () => void;
};

/** Reads, checks and parses a JSON body with the endpoint's schema. */
export async function readBody<S extends z.ZodType>(
  schema: S,
  req: Request,
  opts: ReadOptions,
): Promise<HeldBody<z.output<S>>> {
  let held = 0;
  const release = () => {
    inFlight.bytes -= held;
    held = 0;
  };
  const reserve = (n: number) => {
    if (inFlight.bytes + n > budget()) throw new BodyBudgetFull();
    inFlight.bytes += n;
    held += n;
  };
  try {
    const bytes = await readBytes(
      req,
      opts.open ? OPEN_BODY_MAX_BYTES : config().maxBodyBytes,
      reserve,
    );
    return { value: schema.parse(parseJson(bytes)), release };
  } catch (error) {
    release();
    if (error instanceof BodyBudgetFull) opts.headers.set("retry-after", "1");
    else opts.onRefused?.(req);
    throw error;
  }
}

function budget(): number {
  return BODY_BUDGET_FACTOR * config().maxBodyBytes;
}

async function readBytes(req: Request, max: number, reserve: (n: number) => void): Promise<Buffer> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError("BAD_REQUEST", "The body must be JSON with content-type: application/json.");
  }
  const declared = Number(req.headers.get("content-length"));
  if (declared > max) throw tooLarge(max);
  if (!req.body) throw new ApiError("BAD_REQUEST", "The request has no body.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) throw tooLarge(max);
      reserve(value.byteLength);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw clientWentAway(error) ? bodyCutOff() : error;
  }
  return Buffer.concat(chunks);
}

/**
 * Node fails a request's stream with `Error: aborted` (ECONNRESET) when the client closes the
 * socket before its declared body arrived. That is the client's doing: an ApiError, which is
 * answered (to no one) without a log line, where an unknown error printed a 4-line stack trace
 * each (2,000 abandoned uploads: ~8,000 lines).
 */
function clientWentAway(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof ApiError) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === "ECONNRESET" ||
    code === "ECONNABORTED" ||
    error.name === "AbortError" ||
    error.message === "aborted"
  );
}

function bodyCutOff(): ApiError {
  return new ApiError("BAD_REQUEST", "The request body ended early (the client went away).");
}

function parseJson(bytes: Buffer): unknown {
  if (nestingDepth(bytes, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new ApiError("BAD_REQUEST", `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ApiError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deep arrays and objects nest in JSON text, counting no further than `stop + 1`. Works on
 * the UTF-8 bytes: `"`, `\`, brackets and braces never occur inside a multi-byte character.
 * Strings are skipped with indexOf (memchr), so a 15 MB string value costs ~1 ms. Malformed
 * text gets some answer here and is refused by JSON.parse after.
 */
export function nestingDepth(bytes: Uint8Array, stop = Number.POSITIVE_INFINITY): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      i = stringEnd(buf, i + 1);
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stop) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/** The index of the quote that closes the string starting at `from` (or the end of the text). */
function stringEnd(buf: Buffer, from: number): number {
  let i = from;
  for (;;) {
    const q = buf.indexOf(QUOTE, i);
    if (q < 0) return buf.length;
    // Escaped when an odd number of backslashes precede it.
    let n = 0;
    while (q - 1 - n >= from && buf[q - 1 - n] === BACKSLASH) n++;
    if (n % 2 === 0) return q;
    i = q + 1;
  }
}

function tooLarge(max: number): ApiError {
  return new ApiError("TOO_LARGE", `The request body is over the ${max}-byte limit.`);
}
