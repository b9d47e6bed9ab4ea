import "server-only";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { connectionConfig, trialClient } from "@/lib/redis/client";
import { parseClusterNodes } from "@/lib/redis/cluster-layout";
import { askSentinels, currentMaster } from "@/lib/redis/sentinel";
import type { ConnectionTestInput, ConnectionTestResult } from "@/lib/schemas/connections";
import { applyPatch, NEW_SETTINGS, type Settings, settingsOfConfig } from "./settings";
import { savedConnections, toConfig } from "./store";

// POST /api/connections/test: connect with the settings, as every client would (AUTH, the ready
// check), then PING and INFO server; everything within the connect timeout, and the reason in
// words when it fails. The trial client is always closed, whatever happens.

type Mode = Extract<ConnectionTestResult, { ok: true }>["mode"];
type Failure = Extract<ConnectionTestResult, { ok: false }>;

/** The settings to try: the body's, or a saved (or environment) connection's with the body's changes. */
function settingsFor(input: ConnectionTestInput): Settings {
  const { id, ...patch } = input;
  if (id === undefined) return applyPatch({ ...NEW_SETTINGS, name: "test" }, patch);
  const conn = connectionConfig(id); // 404 for an unknown id
  const saved = savedConnections().find((s) => s.id === id);
  const base: Settings = saved
    ? (({ id: _, createdAt: __, updatedAt: ___, ...rest }) => rest)(saved)
    : settingsOfConfig(conn);
  return applyPatch(base, patch);
}

const TLS_CODES =
  /^(ERR_SSL_|ERR_TLS_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|CERT_|EPROTO|ERR_OSSL)/;

/** The reason a try failed, from the error (or the last one the client emitted). */
export function classify(e: unknown, timeoutMs: number): Omit<Failure, "ok" | "latencyMs"> {
  const err = e as NodeJS.ErrnoException & { name?: string };
  const message = err?.message ?? String(e);
  const code = err?.code ?? "";
  if (err?.name === "TrialTimeout" || message === "Command timed out")
    return {
      reason: "timeout",
      message: `No answer within ${timeoutMs} ms: Redis is paused, overloaded, or a firewall drops the packets.`,
    };
  if (
    /^(NOAUTH|WRONGPASS)|invalid (username-)?password|without any password configured/i.test(
      message,
    )
  )
    return {
      reason: "auth",
      message: /^NOAUTH/.test(message)
        ? "Redis wants a password (NOAUTH): give the connection's password (and user, with ACLs)."
        : `Redis refused the credentials: ${message}`,
    };
  if (TLS_CODES.test(code) || /SSL|TLS|certificate|wrong version number/i.test(message))
    return { reason: "tls", message: `The TLS handshake failed: ${message}` };
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(code))
    return {
      reason: "refused",
      message:
        code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? `The host name does not resolve (${code}).`
          : `Nothing answers there (${code}): is Redis running on that host and port?`,
    };
  if (err?.name === "ReplyError") return { reason: "error", message: `Redis answered: ${message}` };
  return { reason: "refused", message: `Cannot connect: ${message}` };
}

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, "m").exec(info)?.[1]?.trim();
}

/** Cluster: the number of masters holding slots, from CLUSTER NODES (cluster-layout's parser). */
async function mastersOf(client: Redis): Promise<number> {
  const nodes = parseClusterNodes(String(await client.call("CLUSTER", "NODES")), undefined);
  return nodes.filter((n) => n.role === "master" && n.slots.length > 0).length;
}

export async function testConnection(input: ConnectionTestInput): Promise<ConnectionTestResult> {
  const settings = settingsFor(input);
  const conn = toConfig({ ...settings, id: "test", createdAt: "", updatedAt: "" });
  const topology = conn.topology;
  if (topology?.mode === "cluster") {
    // The first seed that answers says what the cluster is, as the layout would ask it.
    let last: ConnectionTestResult | undefined;
    for (const seed of topology.seeds.slice(0, 10)) {
      last = await tryOnce(settings, trialClient(conn, seed), async (client) => ({
        mode: "cluster",
        masters: await mastersOf(client),
      }));
      if (last.ok) break;
    }
    return last as ConnectionTestResult;
  }
  if (topology?.mode === "sentinel") {
    // Ask the sentinels first: a wrong master name says so, instead of a vague timeout.
    const started = performance.now();
    let master: string;
    try {
      master = await askSentinels(conn, (c) => currentMaster(c, topology.masterName));
    } catch (e) {
      const latencyMs = Math.round(performance.now() - started);
      if (e instanceof ApiError)
        return { ok: false, reason: "error", message: e.message, latencyMs };
      const f = classify(e, config().connectTimeoutMs);
      return { ok: false, ...f, message: `The sentinels: ${f.message}`, latencyMs };
    }
    return tryOnce(settings, trialClient(conn), async () => ({ mode: "sentinel", master }));
  }
  return tryOnce(settings, trialClient(conn), async () => ({}));
}

type Extra = { mode?: Mode; masters?: number; master?: string };

async function tryOnce(
  settings: Settings,
  client: Redis,
  extra: (client: Redis) => Promise<Extra>,
): Promise<ConnectionTestResult> {
  const { connectTimeoutMs } = config();
  let lastError: Error | undefined;
  client.on("error", (e: Error) => {
    lastError = e;
  });
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error("timeout");
      e.name = "TrialTimeout";
      reject(e);
    }, connectTimeoutMs);
  });
  try {
    const { version, mode, latencyMs, ...more } = await Promise.race([
      (async () => {
        await client.connect();
        const pingStart = performance.now();
        await client.ping();
        const latencyMs = Math.round((performance.now() - pingStart) * 100) / 100;
        const info = await client.info("server");
        const mode = infoField(info, "redis_mode");
        return {
          version:
            infoField(info, "valkey_version") ?? infoField(info, "redis_version") ?? "unknown",
          mode: (mode === "cluster" || mode === "sentinel" ? mode : "standalone") as Mode,
          latencyMs,
          ...(await extra(client)),
        };
      })(),
      timeout,
    ]);
    return { ok: true, version, mode, latencyMs, ...more };
  } catch (e) {
    // "Connection is closed." says less than the error the socket emitted before it.
    const name = (e as Error).name;
    const cause = name === "TrialTimeout" || name === "ReplyError" ? e : (lastError ?? e);
    const elapsed = Math.round(performance.now() - started);
    const failure = classify(cause, connectTimeoutMs);
    // A plain Redis reads a TLS hello as a command and waits: say what that silence may mean.
    if (failure.reason === "timeout" && settings.tls !== false)
      failure.message += " If that server does not speak TLS, turn TLS off (redis://).";
    return { ok: false, ...failure, latencyMs: elapsed };
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
