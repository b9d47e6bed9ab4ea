"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiClientError } from "@/lib/api-client";
import type { EventStream } from "@/lib/endpoints/define";
import { readEventStream, type StreamEndJson } from "@/lib/event-stream-client";

// One event stream for a tool page (profiler, pub/sub, keyspace events): start, stop, and the
// events handed over in batches at most once per animation frame, so a firehose of messages
// costs one React update a frame, not one per message. Stopping, leaving the page or starting
// again aborts the fetch, which closes the server's Redis connection.

export type StreamState =
  | { status: "idle" }
  | { status: "open"; since: number }
  | { status: "ended"; end: StreamEndJson }
  | { status: "failed"; error: ApiClientError };

type Endpoint = { path: string; method: "GET"; response: EventStream };

export function useEventStream(
  e: Endpoint,
  /** Receives the events of one frame; keep what you show bounded. */
  onEvents: (events: unknown[]) => void,
) {
  const [state, setState] = useState<StreamState>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);
  const pending = useRef<unknown[]>([]);
  const frame = useRef<number | null>(null);
  const deliver = useRef(onEvents);
  deliver.current = onEvents;

  const flush = useCallback(() => {
    frame.current = null;
    const batch = pending.current;
    pending.current = [];
    if (batch.length) deliver.current(batch);
  }, []);

  const stop = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
  }, []);

  const start = useCallback(
    (args: {
      params: Record<string, string | number>;
      query?: Record<string, string | number | readonly string[] | undefined>;
    }) => {
      stop();
      const controller = new AbortController();
      abort.current = controller;
      setState({ status: "open", since: Date.now() });
      readEventStream(
        e,
        { ...args, signal: controller.signal },
        {
          onEvents: (events) => {
            pending.current.push(...events);
            frame.current ??= requestAnimationFrame(flush);
          },
          onEnd: (end) => {
            flush();
            if (abort.current === controller) setState({ status: "ended", end });
          },
        },
      ).catch((error: unknown) => {
        if (abort.current !== controller) return;
        const err =
          error instanceof ApiClientError
            ? error
            : new ApiClientError(0, "NETWORK", (error as Error).message);
        setState({ status: "failed", error: err });
      });
    },
    [e, flush, stop],
  );

  // Stopping by hand ends the stream as "closed" at once, whatever the server still sends.
  const stopByHand = useCallback(() => {
    const running = abort.current !== null;
    stop();
    flush();
    if (running) setState({ status: "ended", end: { reason: "closed" } });
  }, [flush, stop]);

  useEffect(
    () => () => {
      stop();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [stop],
  );

  return { state, start, stop: stopByHand };
}
