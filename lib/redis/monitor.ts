import "server-only";
import type { Redis } from "ioredis";
import type { EventSink, StreamEnd } from "@/lib/api/sse";
import { compileFilter, type MonitorFilter } from "@/lib/profiler/filter";
import { parseMonitorLine } from "@/lib/profiler/line";
import { SummaryCounter } from "@/lib/profiler/summary";
import { openStreamConnections } from "./stream-slots";
import { firstServerNode, type RedisTarget } from "./target";

// MONITOR on a stream's dedicated connection (lib/redis/stream-slots.ts), read binary-safely.
//
// Why not ioredis's `monitor()`: it opens a connection of its own (outside the stream slots, so
// outside KEYSCOPE_MAX_STREAMS and the close-on-abort), and its `monitor` event hands over
// arguments it has split on `" "` and only half unescaped (DataHandler.handleMonitorReply:
// `\xff` stays four characters, an argument holding `" "` becomes two). Why not a raw `net`
// socket: the dedicated client already did AUTH, TLS, SELECT and CLIENT SETNAME with the
// connection's own options (lib/redis/client.ts). So we take its socket over once it is ready:
// ioredis's RESP reader is unhooked from the socket (it would see each MONITOR line as the
// reply to a command never sent and report a queue error per line), MONITOR is written, and
// the status lines are read here as bytes. The client is never used for commands again; the
// stream's signal still closes it through `disconnect()`.

/** A line longer than this is cut (and flagged): a 512 MB SET must not be held whole. */
export const MAX_LINE = 1024 * 1024;

/**
 * MONITOR output Redis may hold for Keyscope before the run is ended. When Keyscope reads slower
 * than Redis runs commands, the lines queue in Redis's output buffer for the connection, which
 * has no limit by default (`client-output-buffer-limit normal 0 0 0`): in the bench, 50
 * pipelining clients produced lines far faster than Keyscope parsed them. Past this, the run
 * ends with reason "error" rather than grow the production server's memory.
 */
export const MAX_BACKLOG_BYTES = 32 * 1024 * 1024;
const BACKLOG_CHECK_MS = 1000;

/**
 * Lines sent to the browser in one second, at most; the rest are counted (summary, dropped).
 * Nobody reads more, the page keeps 10,000, and in the bench a page fed ~10-15k lines/s spent
 * its main thread on them (long tasks of 400-900 ms) while Keyscope's JSON for them slowed its
 * reading of MONITOR.
 */
export const MAX_LINES_PER_SECOND = 5000;

/** Bytes Redis holds unsent for client `id` (CLIENT LIST's omem), or null when it cannot say. */
async function backlogOf(watch: Redis, id: number): Promise<number | null> {
  try {
    const line = String(await watch.client("LIST", "ID", String(id)));
    const omem = /\bomem=(\d+)/.exec(line);
    return omem ? Number(omem[1]) : null;
  } catch {
    return null; // CLIENT LIST refused (ACL) or Redis away: the run's own end reports that
  }
}

type OnLine = (line: Buffer, truncated: boolean) => void;

export type MonitorFeed = {
  /** The monitoring connection's CLIENT ID. */
  readonly id: number;
  /** Resolves with the reason once Redis closes the connection (or it errors). */
  readonly ended: Promise<string>;
  /** Receives each line (without `+` and CRLF); set it before the next I/O turn. */
  onLine: OnLine;
};

const CR = 0x0d;
const LF = 0x0a;

function replyError(message: string): Error {
  // lib/api/errors.ts maps ReplyErrors (NOPERM → 403…) by name and message.
  const err = new Error(message);
  err.name = "ReplyError";
  return err;
}

/**
 * Starts MONITOR on `client`. Resolves once Redis has answered OK, so that a refusal (ACL
 * NOPERM) is the HTTP answer rather than an event.
 */
export async function startMonitor(client: Redis): Promise<MonitorFeed> {
  // Asked while ioredis still reads the socket: the id finds this connection in CLIENT LIST.
  const id = Number(await client.client("ID"));
  const socket = client.stream;
  socket.removeAllListeners("data");
  let pending: Buffer | null = null;
  let skipping = false; // inside a line past MAX_LINE: drop bytes up to its end
  let started = false;
  let settleStart!: { resolve: () => void; reject: (e: Error) => void };
  let endedWith!: (why: string) => void;
  const ended = new Promise<string>((r) => {
    endedWith = r;
  });
  const feed: MonitorFeed = { id, ended, onLine: () => {} };

  const line = (bytes: Buffer, truncated: boolean) => {
    const body = bytes.subarray(1, bytes.at(-1) === CR ? -1 : undefined);
    if (!started) {
      started = true;
      if (bytes[0] === 0x2b) settleStart.resolve();
      else settleStart.reject(replyError(body.toString("latin1")));
      return;
    }
    if (bytes[0] === 0x2b) feed.onLine(body, truncated);
    else endedWith(`Redis answered ${body.toString("latin1")}`);
  };

  socket.on("data", (chunk: Buffer) => {
    let from = 0;
    while (from < chunk.length) {
      const lf = chunk.indexOf(LF, from);
      if (skipping) {
        if (lf < 0) return;
        skipping = false;
        from = lf + 1;
        continue;
      }
      if (lf < 0) {
        const rest = chunk.subarray(from);
        pending = pending ? Buffer.concat([pending, rest]) : Buffer.from(rest);
        if (pending.length > MAX_LINE) {
          line(pending.subarray(0, MAX_LINE), true);
          pending = null;
          skipping = true;
        }
        return;
      }
      const piece = chunk.subarray(from, lf);
      const whole: Buffer = pending ? Buffer.concat([pending, piece]) : piece;
      pending = null;
      from = lf + 1;
      if (whole.length > MAX_LINE) line(whole.subarray(0, MAX_LINE), true);
      else line(whole, false);
    }
  });
  const gone = (why: string) => () => {
    if (!started) settleStart.reject(new Error(why));
    endedWith(why);
  };
  socket.once("close", gone("the connection to Redis closed"));
  socket.once("error", (e: Error) => gone(e.message)());

  return new Promise<MonitorFeed>((resolve, reject) => {
    settleStart = { resolve: () => resolve(feed), reject };
    socket.write("MONITOR\r\n");
  });
}

/** One watched node: its MONITOR connection and feed, and a shared client that reads its backlog. */
export type WatchedNode = {
  client: Redis;
  feed: MonitorFeed;
  watch: Redis;
  /** host:port on a cluster: put on each line as `node`; undefined on one server (no column). */
  node?: string;
};

/**
 * One profiler run over one or more monitoring connections (a cluster's masters, or one node):
 * every line that passes `filter` goes to `sink`, tagged with its node on a cluster, until
 * `seconds` pass (reason "timeout"), the browser leaves ("closed") or a node goes away
 * ("error", naming it: the run is one stream and ends whole). The per-second cap counts the
 * merged lines, the backlog guard ends the run when any one node holds too much. Ends with the
 * run's summary (with per-node counts on a cluster).
 */
export async function profile(
  watched: readonly WatchedNode[],
  opts: { filter: MonitorFilter; seconds: number },
  sink: EventSink,
): Promise<StreamEnd> {
  const passes = compileFilter(opts.filter);
  const summary = new SummaryCounter();
  let second = Math.floor(performance.now() / 1000);
  let sentThisSecond = 0;
  let overRate = 0;
  const dropped = () => sink.dropped + overRate;
  const named = (w: WatchedNode, message: string) => (w.node ? `${w.node}: ${message}` : message);
  for (const w of watched) {
    w.feed.onLine = (raw, truncated) => {
      summary.seen++;
      if (w.node) summary.sawOn(w.node);
      const line = parseMonitorLine(raw);
      if (!line || !passes(line)) return;
      summary.add(line, w.node);
      const now = Math.floor(performance.now() / 1000);
      if (now !== second) {
        second = now;
        sentThisSecond = 0;
      }
      if (sentThisSecond >= MAX_LINES_PER_SECOND) {
        overRate++;
        return;
      }
      const { time, db, client: addr, args } = line;
      const sent = sink.send({
        time,
        db,
        client: addr,
        args: args.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
        ...(w.node && { node: w.node }),
        ...(truncated && { truncated: true }),
      });
      if (sent) {
        summary.delivered++;
        sentThisSecond++;
      }
    };
  }
  const started = performance.now();
  const sendStats = () => {
    const { seen, matched } = summary;
    sink.sendAlways({ stats: { seen, matched, dropped: dropped() } });
  };
  // At once too: it tells the page that MONITOR runs (every command from now on is seen).
  sendStats();
  const stats = setInterval(sendStats, 1000);
  let timer: NodeJS.Timeout | undefined;
  let watching: NodeJS.Timeout | undefined;
  let peakBacklog = 0;
  const outcome = await Promise.race([
    new Promise<{ reason: "timeout" }>((r) => {
      timer = setTimeout(() => r({ reason: "timeout" }), opts.seconds * 1000);
    }),
    new Promise<{ reason: "closed" }>((r) => {
      if (sink.signal.aborted) r({ reason: "closed" });
      else sink.signal.addEventListener("abort", () => r({ reason: "closed" }), { once: true });
    }),
    ...watched.map((w) =>
      w.feed.ended.then((message) => ({ reason: "error" as const, message: named(w, message) })),
    ),
    new Promise<{ reason: "error"; message: string }>((r) => {
      watching = setInterval(async () => {
        const backlogs = await Promise.all(watched.map((w) => backlogOf(w.watch, w.feed.id)));
        backlogs.forEach((bytes, i) => {
          if (bytes === null) return;
          if (bytes > peakBacklog) peakBacklog = bytes;
          if (bytes > MAX_BACKLOG_BYTES)
            r({
              reason: "error",
              message: named(
                watched[i] as WatchedNode,
                `Keyscope could not keep up: Redis held ${Math.round(bytes / 1048576)} MiB of MONITOR output for it (at most ${MAX_BACKLOG_BYTES / 1048576} MiB). Filter, or run it when the server is less busy.`,
              ),
            });
        });
      }, BACKLOG_CHECK_MS);
    }),
  ]);
  clearTimeout(timer);
  clearInterval(stats);
  clearInterval(watching);
  // Closed here, not only when the stream's signal aborts: the time limit ends MONITOR at once.
  for (const w of watched) w.client.disconnect();
  const elapsed = (performance.now() - started) / 1000;
  return {
    ...outcome,
    summary: {
      ...summary.result(elapsed, dropped()),
      backlogPeakBytes: peakBacklog,
    },
  };
}

/**
 * MONITOR on the nodes a run watches: the one server (`node`, when given, must be it), or on a
 * cluster the node `node` (master or replica) or, without it, every master — a command runs on
 * the master that owns its key, so the masters together see every write and every routed read.
 * One stream slot however many nodes; the connections close when `signal` aborts (abort it when
 * this throws). Resolves once every node answered OK, so that a refusal is the HTTP answer.
 */
export async function startMonitors(
  target: RedisTarget,
  node: string | undefined,
  signal: AbortSignal,
): Promise<WatchedNode[]> {
  const cluster = target.kind === "cluster";
  // Before any connection opens: an unknown node is a 400 naming the nodes.
  if (node) await target.nodeAt(node);
  const nodes = await openStreamConnections(target, "monitor", signal, { node });
  return Promise.all(
    nodes.map(async (n): Promise<WatchedNode> => {
      // A shared client of the same node reads how much MONITOR output Redis holds for us.
      const watch =
        cluster && n.addr ? (await target.nodeAt(n.addr)).client : await firstServerNode(target);
      const feed = await startMonitor(n.client);
      return { client: n.client, feed, watch, ...(cluster && n.addr && { node: n.addr }) };
    }),
  );
}
