import "server-only";
import type { EventAnswer } from "@/lib/endpoints/define";
import { toJsonForm } from "./json-form";

// Server-Sent Events for the debugging tools (docs/api.md, "Streams"): one JSON object per
// `data:` line, and last `event: end` with `{"reason": "timeout"|"closed"|"error", …}`.
//
// The stream never holds more than `bufferBytes` the browser has not taken: past that, `send`
// drops the event and counts it (a MONITOR firehose must not grow Keyscope's memory while a
// slow browser reads). The producer learns that the stream is over from `signal`, which aborts
// when the browser goes away (the request's signal, or the body being cancelled), when the
// producer's own run ends, or on a write error; whatever it holds (a Redis connection) is
// closed on that signal.

export type EndReason = "timeout" | "closed" | "error";
/** The last event: why the stream ended, and anything the producer adds (a summary). */
export type StreamEnd = { reason: EndReason; message?: string } & Record<string, unknown>;

export type EventSink = {
  /** Queues one event; false (and counted in `dropped`) when the browser is too far behind. */
  send(event: unknown): boolean;
  /** Queues one event whatever the backlog (a status line, a summary): use sparingly. */
  sendAlways(event: unknown): void;
  /** Events refused by `send` so far. */
  readonly dropped: number;
  /** Aborted once the stream is over for any reason; the producer stops and closes what it holds. */
  readonly signal: AbortSignal;
};

export type StreamOptions = {
  /** Unread bytes kept for a slow browser before `send` drops events (default 1 MiB). */
  bufferBytes?: number;
  /** A comment line this often keeps proxies from closing an idle stream (default 15 s). */
  heartbeatMs?: number;
  /**
   * The stream's life, made before it with streamLife(req) so that what the producer opens
   * first (its Redis connections, lib/redis/stream-slots.ts) closes on the same signal.
   */
  life?: AbortController;
};

/** An AbortController that aborts when the browser goes away; pass it on as `life`. */
export function streamLife(req: Request): AbortController {
  const life = new AbortController();
  const stop = () => life.abort();
  if (req.signal.aborted) stop();
  else req.signal.addEventListener("abort", stop, { once: true });
  return life;
}

const encoder = new TextEncoder();
const frame = (event: unknown, name?: string) =>
  encoder.encode(`${name ? `event: ${name}\n` : ""}data: ${JSON.stringify(toJsonForm(event))}\n\n`);

/**
 * The answer of an event-stream endpoint: runs `produce` at once and streams what it sends;
 * `produce` resolves with the end event (or throws: reason "error" with the message). When the
 * browser goes away nothing more is written and `produce`'s signal aborts.
 */
export function eventStream(
  req: Request,
  produce: (sink: EventSink) => Promise<StreamEnd>,
  opts: StreamOptions = {},
): EventAnswer {
  const bufferBytes = opts.bufferBytes ?? 1024 * 1024;
  const over = opts.life ?? streamLife(req);
  let dropped = 0;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stop = () => over.abort();
  const enqueue = (bytes: Uint8Array) => {
    if (over.signal.aborted) return;
    try {
      controller.enqueue(bytes);
    } catch {
      stop(); // the body was closed under us
    }
  };
  // Events queued in one turn of the event loop leave as one chunk: a MONITOR firehose sends
  // hundreds of events per socket read, and a chunk (one write, one read in the browser) per
  // event cost more than the events themselves.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let flushQueued = false;
  const flush = () => {
    flushQueued = false;
    if (pending.length === 0) return;
    const chunk =
      pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    enqueue(chunk);
  };
  const queue = (bytes: Uint8Array) => {
    if (over.signal.aborted) return;
    pending.push(bytes);
    pendingBytes += bytes.byteLength;
    if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  };
  const sink: EventSink = {
    send(event) {
      if (over.signal.aborted) return false;
      if ((controller.desiredSize ?? 0) - pendingBytes <= 0) {
        dropped++;
        return false;
      }
      queue(frame(event));
      return true;
    },
    sendAlways: (event) => queue(frame(event)),
    get dropped() {
      return dropped;
    },
    signal: over.signal,
  };
  const events = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel: stop,
    },
    { highWaterMark: bufferBytes, size: (chunk) => chunk.byteLength },
  );
  // An opening comment: the browser's fetch resolves at once and proxies see a live stream.
  enqueue(encoder.encode(": keyscope\n\n"));
  const heartbeat = setInterval(
    () => queue(encoder.encode(": ping\n\n")),
    opts.heartbeatMs ?? 15_000,
  );
  heartbeat.unref?.();
  void (async () => {
    let end: StreamEnd;
    try {
      end = await produce(sink);
    } catch (e) {
      end = { reason: "error", message: e instanceof Error ? e.message : String(e) };
    }
    clearInterval(heartbeat);
    if (over.signal.aborted) return; // the browser left: nobody to tell
    flush();
    enqueue(frame({ ...end, ...(dropped > 0 && { dropped }) }, "end"));
    stop();
    try {
      controller.close();
    } catch {
      // already closed or errored
    }
  })();
  return { events };
}

/** Resolves when `signal` aborts (the stream is over), or at once when it already has. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
