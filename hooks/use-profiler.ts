"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { useEventStream } from "@/hooks/use-event-stream";
import { displayJsonBytes, type JsonBytes, jsonToBytes } from "@/lib/bytes";
import { monitor } from "@/lib/endpoints/profiler";
import { commandName } from "@/lib/profiler/filter";
import { type Summary, SummaryCounter } from "@/lib/profiler/summary";

// The profiler page's state: one MONITOR stream, the lines kept for the list (at most
// KEPT_LINES, oldest dropped and counted), pause (the stream goes on, lines are counted but not
// kept), live counters, and a summary of what the page received. The lines live in a ref and
// a version number re-renders once per batch (at most once per frame, use-event-stream.ts).

/** Lines kept in the browser: 10,000 rows stay smooth in the virtual list, as RedisInsight's. */
export const KEPT_LINES = 10_000;

export type ShownLine = {
  seq: number;
  time: number;
  db: number;
  client: string;
  /** The cluster node whose MONITOR saw it; undefined on one server. */
  node?: string;
  command: string;
  /** The arguments as redis-cli prints them: quoted, bytes that are not UTF-8 as \xNN. */
  text: string;
  /** `text` without the command's name. */
  rest: string;
  truncated: boolean;
};

export type ProfilerFilters = {
  seconds: number;
  match: string;
  commands: string;
  key: string;
  client: string;
  db: string;
  /** A cluster node (host:port) to watch alone; "" for every master (or the one server). */
  node: string;
};

type LineJson = {
  time: number;
  db: number;
  client: string;
  node?: string;
  args: JsonBytes[];
  truncated?: true;
};
type StatsJson = { stats: { seen: number; matched: number; dropped: number } };

export type Counters = {
  received: number;
  whilePaused: number;
  droppedByCap: number;
  perSecond: number;
  server: StatsJson["stats"] | null;
};

const NO_COUNTERS: Counters = {
  received: 0,
  whilePaused: 0,
  droppedByCap: 0,
  perSecond: 0,
  server: null,
};

/** Characters of an argument shown (a 1 MiB value must not become a 1 MiB DOM string). */
const SHOWN_CHARS = 300;
/** At most this often the list shows what arrived (ms). */
const RENDER_MS = 100;
/** Arguments shown of one command (an MSET of 10,000 keys shows its first ones). */
const SHOWN_ARGS = 50;
/** Arguments decoded for the page's summary: the command and its first key are among them. */
const COUNTED_ARGS = 8;

function quote(arg: JsonBytes): string {
  const text = displayJsonBytes(arg);
  const cut = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  return `"${cut.replaceAll('"', '\\"')}"`;
}

export function useProfiler(conn: string) {
  const lines = useRef<ShownLine[]>([]);
  const counters = useRef<Counters>({ ...NO_COUNTERS });
  const summary = useRef(new SummaryCounter());
  const paused = useRef(false);
  const seq = useRef(0);
  const [version, setVersion] = useState(0);
  // The list re-renders at most every RENDER_MS: under a firehose every frame's rows are new
  // ones, and re-rendering them 60 times a second took the page's main thread from the lines.
  const renderTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const rerenderSoon = useCallback(() => {
    renderTimer.current ??= setTimeout(() => {
      renderTimer.current = null;
      setVersion((v) => v + 1);
    }, RENDER_MS);
  }, []);
  useEffect(
    () => () => {
      if (renderTimer.current) clearTimeout(renderTimer.current);
    },
    [],
  );
  const [isPaused, setPaused] = useState(false);

  const onEvents = useCallback(
    (batch: unknown[]) => {
      const c = counters.current;
      // Under a firehose one frame's batch can hold more lines than are kept: those before the
      // last KEPT_LINES are counted, never rendered.
      const firstKept = batch.length - KEPT_LINES;
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i];
        if ((e as StatsJson).stats) {
          c.server = (e as StatsJson).stats;
          continue;
        }
        const line = e as LineJson;
        c.received++;
        const args = line.args.slice(0, COUNTED_ARGS).map(jsonToBytes);
        // The page sees only matched lines: per node, what it saw is what matched.
        if (line.node) summary.current.sawOn(line.node);
        summary.current.add({ args, client: line.client }, line.node);
        if (paused.current) {
          c.whilePaused++;
          continue;
        }
        if (i < firstKept) {
          c.droppedByCap++;
          continue;
        }
        const quoted = line.args.slice(0, SHOWN_ARGS).map(quote);
        if (line.args.length > SHOWN_ARGS) quoted.push(`… ${line.args.length - SHOWN_ARGS} more`);
        lines.current.push({
          seq: seq.current++,
          time: line.time,
          db: line.db,
          client: line.client,
          node: line.node,
          command: commandName(args),
          text: quoted.join(" "),
          rest: quoted.slice(1).join(" "),
          truncated: line.truncated === true,
        });
      }
      const over = lines.current.length - KEPT_LINES;
      if (over > 0) {
        lines.current.splice(0, over);
        c.droppedByCap += over;
      }
      rerenderSoon();
    },
    [rerenderSoon],
  );

  const stream = useEventStream(monitor, onEvents);
  const [startedAt, setStartedAt] = useState<number | null>(null);

  // Lines per second, from the count received each second.
  useEffect(() => {
    if (stream.state.status !== "open") return;
    let last = counters.current.received;
    const timer = setInterval(() => {
      const now = counters.current.received;
      counters.current.perSecond = now - last;
      last = now;
      setVersion((v) => v + 1);
    }, 1000);
    return () => {
      clearInterval(timer);
      counters.current.perSecond = 0; // the run is over: nothing arrives any more
    };
  }, [stream.state.status]);

  const clear = useCallback(() => {
    lines.current = [];
    counters.current.droppedByCap = 0;
    setVersion((v) => v + 1);
  }, []);

  const start = useCallback(
    (f: ProfilerFilters) => {
      lines.current = [];
      counters.current = { ...NO_COUNTERS };
      summary.current = new SummaryCounter();
      paused.current = false;
      setPaused(false);
      setStartedAt(Date.now());
      const commands = f.commands.split(/[\s,]+/).filter(Boolean);
      stream.start({
        params: { conn },
        query: {
          seconds: f.seconds,
          match: f.match || undefined,
          command: commands.length ? commands : undefined,
          key: f.key || undefined,
          client: f.client || undefined,
          db: f.db.trim() || undefined,
          node: f.node || undefined,
        },
      });
      setVersion((v) => v + 1);
    },
    [conn, stream.start],
  );

  const togglePause = useCallback(() => {
    paused.current = !paused.current;
    setPaused(paused.current);
  }, []);

  /** What this page received, as the server would have counted it. */
  const ownSummary = useCallback((): Summary => {
    const seconds = startedAt === null ? 0 : (Date.now() - startedAt) / 1000;
    // The page never sees the lines the filters held back: the server's count says how many.
    // (its stats come once a second, so a short run may not have them yet).
    summary.current.seen = Math.max(counters.current.server?.seen ?? 0, summary.current.matched);
    summary.current.delivered = counters.current.received;
    return summary.current.result(seconds, counters.current.server?.dropped ?? 0);
  }, [startedAt]);

  return {
    state: stream.state,
    stop: stream.stop,
    start,
    clear,
    togglePause,
    isPaused,
    lines: lines.current,
    counters: counters.current,
    ownSummary,
    version,
  };
}
