// The browser's side of the API's event streams (lib/api/sse.ts): fetch, not EventSource, so
// that an error answer (429, 403, 503) arrives as the API's error shape, nothing reconnects
// behind the user's back, and aborting the fetch closes the stream (and, on the server, the
// Redis connection behind it).
import { z } from "zod";
import { ApiClientError } from "@/lib/api-client";
import { type EventStream, endpointUrl } from "@/lib/endpoints/define";
import { isErrorBody } from "@/lib/errors";

/** The last event of every stream. */
export const streamEnd = z.looseObject({
  reason: z.enum(["timeout", "closed", "error"]),
  message: z.string().optional(),
  dropped: z.number().optional(),
});
export type StreamEndJson = z.infer<typeof streamEnd>;

type Handlers = {
  /** Every event's data as it came (bytes in their JSON form), a batch at a time. */
  onEvents: (events: unknown[]) => void;
  onEnd: (end: StreamEndJson) => void;
};

/** Splits SSE text into events; keeps the incomplete tail for the next chunk. */
export function parseEvents(buffer: string): {
  events: { event: string; data: string }[];
  rest: string;
} {
  const events: { event: string; data: string }[] = [];
  let start = 0;
  for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n", start)) {
    const block = buffer.slice(start, end);
    start = end + 2;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue; // a comment (the heartbeat)
      if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length > 0) events.push({ event, data: data.join("\n") });
  }
  return { events, rest: buffer.slice(start) };
}

/**
 * Reads one stream until it ends or `signal` aborts; resolves then. An error answer before the
 * stream starts rejects with ApiClientError, as `request` does.
 */
export async function readEventStream(
  e: { path: string; method: "GET"; response: EventStream },
  args: {
    params: Record<string, string | number>;
    query?: Record<string, string | number | readonly string[] | undefined>;
    signal: AbortSignal;
  },
  handlers: Handlers,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(endpointUrl(e as never, args.params, args.query), {
      signal: args.signal,
      headers: { accept: "text/event-stream" },
    });
  } catch (err) {
    if (args.signal.aborted) return;
    throw new ApiClientError(
      0,
      "NETWORK",
      `Keyscope's server is unreachable (${(err as Error).message}).`,
    );
  }
  if (!res.ok || !res.body) {
    const body: unknown = await res.json().catch(() => null);
    if (isErrorBody(body))
      throw new ApiClientError(res.status, body.error.code, body.error.message);
    throw new ApiClientError(res.status, "INTERNAL", `The server answered ${res.status}.`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const parsed = parseEvents(buffer + value);
      buffer = parsed.rest;
      const batch: unknown[] = [];
      for (const ev of parsed.events) {
        const data: unknown = JSON.parse(ev.data);
        if (ev.event === "end") {
          if (batch.length) handlers.onEvents(batch);
          handlers.onEnd(streamEnd.parse(data));
          return;
        }
        batch.push(data);
      }
      if (batch.length) handlers.onEvents(batch);
    }
    // The body ended without an end event: the server went away.
    handlers.onEnd({ reason: "error", message: "The connection to Keyscope's server was lost." });
  } catch (err) {
    if (args.signal.aborted) return;
    handlers.onEnd({ reason: "error", message: (err as Error).message });
  } finally {
    reader.cancel().catch(() => {});
  }
}
