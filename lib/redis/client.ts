import "server-only";
import { Redis, type RedisOptions } from "ioredis";
import { type ConnectionConfig, config } from "@/lib/config";
import { splitAddr } from "@/lib/connection-modes";
import { allConnections } from "@/lib/connections/store";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";

// The connection registry: one long-lived ioredis client per (connection, database), made on
// first use and kept for the life of the process. Only lib/redis/target.ts asks for clients:
// everything else asks the target, so Cluster and Sentinel can arrive without changing callers.

type Entry = {
  client: Redis;
  /** The settings it was made with: a saved connection changed on disk gets a new client. */
  made: string;
  lastError: string | undefined;
  /** The wait for "ready" that requests arriving while it connects share. */
  ready?: Promise<void>;
};

const registry = processState("clients", () => new Map<string, Entry>());
/** Dedicated clients still open, by connection: an edit or delete of the connection closes them. */
const dedicatedByConn = processState("dedicatedClients", () => new Map<string, Set<Redis>>());

// What a client depends on; compared on each request, so computed once per settings object.
const madeOf = new WeakMap<ConnectionConfig, string>();
function settingsOf(conn: ConnectionConfig): string {
  let made = madeOf.get(conn);
  if (made === undefined) {
    made = JSON.stringify([conn.url, conn.tls ?? null, conn.topology ?? null]);
    madeOf.set(conn, made);
  }
  return made;
}

export function connectionConfig(connId: string): ConnectionConfig {
  const found = allConnections().find((c) => c.id === connId);
  if (!found) throw new ApiError("NOT_FOUND", `No connection named "${connId}".`);
  return found;
}

function clientOptions(conn: ConnectionConfig, db: number): RedisOptions {
  const { connectTimeoutMs, commandTimeoutMs } = config();
  return {
    db,
    // RESP2 keeps reply shapes identical on every server we support (Redis 6+, Valkey, proxies
    // that reject HELLO) and is what the Buffer parsers below expect.
    protocol: 2,
    lazyConnect: true,
    connectionName: "keyscope",
    // No offline queue: a command sent while Redis is away fails at once (503) instead of
    // waiting for a reconnect that may never come.
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    // Reconnect forever with a short, capped backoff so the dashboard recovers on its own. The
    // 1 s cap is part of "the banner clears within 3 s of recovery" (lib/redis/probe.ts probes
    // through these clients); an attempt a second against a Redis that is away costs nothing.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 1000),
    // A saved connection's CA, client certificate and options; rediss:// alone: the system's CAs.
    tls: conn.tls ? { ...conn.tls } : conn.url.startsWith("rediss://") ? {} : undefined,
  };
}

/**
 * A new ioredis client: for one server at the connection's URL, for one node of a cluster at
 * `addr` (the URL's credentials and TLS, the node's host and port), or for whichever server the
 * sentinels name master (ioredis asks them again after every disconnect, and the failover
 * detector drops the connection as soon as a sentinel announces +switch-master).
 */
function newClient(
  conn: ConnectionConfig,
  db: number,
  addr: string | undefined,
  extra: RedisOptions = {},
): Redis {
  const options = { ...clientOptions(conn, db), ...extra };
  const topology = conn.topology;
  if (topology?.mode === "sentinel") {
    return new Redis(conn.url, {
      ...options,
      sentinels: topology.sentinels.map(splitAddr),
      name: topology.masterName,
      sentinelUsername: topology.sentinelUsername,
      sentinelPassword: topology.sentinelPassword,
      sentinelTLS: options.tls,
      enableTLSForSentinelMode: options.tls !== undefined,
      natMap: topology.natMap && natMapForIoredis(topology.natMap),
      failoverDetector: true,
      // The sentinels are asked once per reconnect; without a cap a dead set would be asked forever in a tight loop.
      sentinelRetryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 1000),
      sentinelMaxConnections: 3,
    });
  }
  if (addr === undefined) return new Redis(conn.url, options);
  const url = new URL(conn.url);
  const { host, port } = splitAddr(addr);
  url.hostname = host.includes(":") ? `[${host}]` : host;
  url.port = String(port);
  return new Redis(url.toString(), options);
}

function natMapForIoredis(map: Record<string, string>) {
  return Object.fromEntries(Object.entries(map).map(([from, to]) => [from, splitAddr(to)]));
}

function createEntry(conn: ConnectionConfig, db: number, addr?: string): Entry {
  const client = newClient(conn, db, addr);
  const entry: Entry = { client, made: settingsOf(conn), lastError: undefined };
  let lastLogged = 0;
  client.on("error", (err: Error) => {
    entry.lastError = err.message;
    // A down Redis errors on every reconnect attempt; say so at most once every 30 s.
    const now = Date.now();
    if (now - lastLogged > 30_000) {
      lastLogged = now;
      const where = addr ? ` node ${addr}` : "";
      console.warn(`[keyscope] connection "${conn.id}"${where} db ${db}: ${err.message}`);
    }
  });
  client.on("ready", () => {
    entry.lastError = undefined;
  });
  return entry;
}

function unavailable(conn: ConnectionConfig, reason: string | undefined): ApiError {
  return new ApiError(
    "REDIS_UNAVAILABLE",
    `Cannot reach Redis for connection "${conn.id}" (${reason ?? "not connected"}).`,
  );
}

/**
 * Resolves once the client is ready; every request waiting on it shares one wait (and one set
 * of listeners: one each per waiter tripped Node's MaxListenersExceededWarning past 10).
 */
function waitForReady(entry: Entry, conn: ConnectionConfig): Promise<void> {
  entry.ready ??= listenForReady(entry, conn).finally(() => {
    entry.ready = undefined;
  });
  return entry.ready;
}

function listenForReady(entry: Entry, conn: ConnectionConfig): Promise<void> {
  const { client } = entry;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(unavailable(conn, `no answer within ${config().connectTimeoutMs} ms`)),
      config().connectTimeoutMs,
    );
    const onReady = () => done();
    const onError = (err: Error) => done(unavailable(conn, err.message));
    const onEnd = () => done(unavailable(conn, entry.lastError ?? "connection closed"));
    function done(err?: ApiError) {
      clearTimeout(timer);
      client.off("ready", onReady).off("error", onError).off("end", onEnd);
      if (err) reject(err);
      else resolve();
    }
    client.once("ready", onReady).once("error", onError).once("end", onEnd);
  });
}

/**
 * A ready client for one database of one connection (on a cluster: of the node at `addr`), or
 * a 503 as soon as that is known.
 */
export async function sharedClient(connId: string, db: number, addr?: string): Promise<Redis> {
  const conn = connectionConfig(connId);
  const id = `${connId}\u0000${db}\u0000${addr ?? ""}`;
  let entry = registry.get(id);
  if (entry && entry.made !== settingsOf(conn)) {
    entry.client.disconnect(); // the connection was edited (here or by another process)
    entry = undefined;
  }
  if (!entry || entry.client.status === "end") {
    entry = createEntry(conn, db, addr);
    registry.set(id, entry);
  }
  const { client } = entry;
  switch (client.status) {
    case "ready":
      return client;
    case "wait": {
      const ready = waitForReady(entry, conn);
      client.connect().catch(() => {});
      await ready;
      return client;
    }
    case "connecting":
    case "connect":
      await waitForReady(entry, conn);
      return client;
    default:
      // "reconnecting" or "close": Redis went away; the client keeps retrying in the background.
      throw unavailable(conn, entry.lastError);
  }
}

/**
 * A fresh client of its own (see `RedisTarget.dedicated`), connected; the caller quits it. It
 * does not reconnect: if Redis goes away mid-job, the job fails and says so. `ownTimeout`: no
 * command timeout, the caller times its commands itself (a bulk job keeps waiting for the
 * answer of a step that timed out, to count what it did).
 */
export async function dedicatedClient(
  connId: string,
  db: number,
  connectionName: string,
  ownTimeout = false,
  addr?: string,
): Promise<Redis> {
  const conn = connectionConfig(connId);
  const client = newClient(conn, db, addr, {
    connectionName,
    retryStrategy: () => null,
    ...(ownTimeout && { commandTimeout: undefined }),
  });
  client.on("error", () => {}); // surfaced by the command that fails
  const tracked = dedicatedByConn.get(connId) ?? new Set<Redis>();
  dedicatedByConn.set(connId, tracked);
  tracked.add(client);
  client.once("end", () => tracked.delete(client));
  // ioredis's connectTimeout covers the TCP connect only: a server that accepts and then answers
  // nothing (CLIENT PAUSE, a long script) would hold its ready check, and the request, forever.
  const { connectTimeoutMs } = config();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (e) {
    client.disconnect();
    throw unavailable(conn, (e as Error).message);
  } finally {
    clearTimeout(timer);
  }
  return client;
}

/**
 * A client for one try of settings not (yet) in the registry (POST /api/connections/test): the
 * same options as every client, no reconnects, outside the registry; the caller disconnects it.
 */
export function trialClient(conn: ConnectionConfig, addr?: string): Redis {
  return newClient(conn, 0, addr, {
    connectionName: "keyscope-test",
    retryStrategy: () => null,
    sentinelRetryStrategy: () => null,
  });
}

/**
 * A client of one sentinel itself (not the master it names), with the sentinels' credentials
 * and the connection's TLS; no reconnects, the caller disconnects it.
 */
export function sentinelNodeClient(conn: ConnectionConfig, addr: string): Redis {
  const t = conn.topology;
  const { host, port } = splitAddr(addr);
  const { db: _, ...options } = clientOptions(conn, 0);
  return new Redis({
    ...options,
    host,
    port,
    username: t?.mode === "sentinel" ? t.sentinelUsername : undefined,
    password: t?.mode === "sentinel" ? t.sentinelPassword : undefined,
    connectionName: undefined, // older sentinels refuse CLIENT SETNAME
    retryStrategy: () => null,
  });
}

/** Closes the shared clients of nodes no longer in a cluster (a node was removed or replaced). */
export function closeNodeClients(connId: string, keep: ReadonlySet<string>): void {
  const prefix = `${connId}\u0000`;
  for (const [id, entry] of registry) {
    if (!id.startsWith(prefix)) continue;
    const addr = id.slice(id.lastIndexOf("\u0000") + 1);
    if (addr && !keep.has(addr)) {
      registry.delete(id);
      entry.client.disconnect();
    }
  }
}

/**
 * Closes every client of one connection, shared and dedicated (its jobs and streams end with
 * them): after an edit or a delete, the next request connects with the new settings.
 */
export function closeConnectionClients(connId: string): void {
  const prefix = `${connId}\u0000`;
  const shared: Redis[] = [];
  for (const [id, entry] of registry)
    if (id.startsWith(prefix)) {
      registry.delete(id);
      shared.push(entry.client);
    }
  const dedicated = [...(dedicatedByConn.get(connId) ?? [])];
  dedicatedByConn.delete(connId);
  // disconnect, not QUIT: a paused Redis would hold a QUIT for the command timeout.
  for (const c of [...shared, ...dedicated]) c.disconnect();
}

/** Closes every client; for tests and graceful shutdown. */
export async function closeAllClients(): Promise<void> {
  const entries = [...registry.values()];
  registry.clear();
  await Promise.all(entries.map((e) => e.client.quit().catch(() => e.client.disconnect())));
}
