import { expect } from "vitest";
import { parseEvents } from "@/lib/event-stream-client";
import { type CallOptions, type Handler, send } from "./harness";

// Reading an event stream answer in a test: its events, parsed, until the stream ends, a
// condition holds, or a deadline passes (then the body is cancelled, as a browser leaving).

export type SseEvent = { event: string; data: any };

export type StreamReader = {
  /** Events read so far. */
  readonly events: SseEvent[];
  /** Reads until `until` holds for an event (or the stream ends); throws after `timeoutMs`. */
  next(until: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Reads until the end event; returns it. */
  end(timeoutMs?: number): Promise<SseEvent>;
  /** Leaves, as a browser closing the tab does. */
  cancel(): Promise<void>;
};

export function readStream(res: Response): StreamReader {
  if (!res.body) throw new Error("the answer has no body");
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = "";
  let done = false;
  let seen = 0;
  const pull = async (): Promise<boolean> => {
    if (done) return false;
    const { value, done: finished } = await reader.read();
    if (finished) {
      done = true;
      return false;
    }
    const parsed = parseEvents(buffer + value);
    buffer = parsed.rest;
    for (const e of parsed.events) events.push({ event: e.event, data: JSON.parse(e.data) });
    return true;
  };
  const next = async (until: (e: SseEvent) => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (seen < events.length) {
        const e = events[seen++] as SseEvent;
        if (until(e)) return e;
      }
      if (done)
        throw new Error(`the stream ended first; events: ${JSON.stringify(events).slice(0, 500)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such event within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((r) => {
        timer = setTimeout(() => r("timeout"), left);
      });
      const got = await Promise.race([pull(), timeout]);
      clearTimeout(timer);
      if (got === "timeout") throw new Error(`no such event within ${timeoutMs} ms`);
    }
  };
  return {
    events,
    next,
    end: (timeoutMs) => next((e) => e.event === "end", timeoutMs),
    cancel: () => reader.cancel().catch(() => {}),
  };
}

/** Opens a stream route (expecting 200) and reads its first event (the status or subscription). */
export async function openStream(handler: Handler, opts: CallOptions) {
  const res = await send(handler, opts);
  expect(res.status).toBe(200);
  const stream = readStream(res);
  const first = await stream.next(() => true);
  return { stream, first };
}
