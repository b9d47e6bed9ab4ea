// Not marked server-only: instrumentation.ts imports it at start-up, outside the React server
// bundle. It reads files and env, so a client import would fail at build time anyway.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { defaultConnection, readConnectionsFile } from "./connection-file";
import { parseClusterUrl, type Topology } from "./connection-modes";
import { isHostName, normaliseHostName } from "./host-names";
import { processState } from "./process-state";

// Everything Keyscope reads from its environment, in one schema, parsed once. A bad value is a
// start-up error that names the variable and says what is wrong (instrumentation.ts runs this
// before the server listens), never a silent fallback to the default or a surprise on the
// first request. lib/config-reads.test.ts fails when code elsewhere reads process.env, and
// when the README's table and this schema disagree.

export type ConnectionConfig = {
  id: string;
  name: string;
  /** The data nodes' URL: credentials and TLS (a cluster: its first seed; a sentinel: the master's auth). */
  url: string;
  /** Cluster or Sentinel (lib/connection-modes.ts); absent: one standalone server at `url`. */
  topology?: Topology;
  readOnly: boolean;
  production: boolean;
  /** "env" (REDIS_URL, KEYSCOPE_CONNECTIONS) unless saved at run time (lib/connections/store.ts). */
  source?: "env" | "saved";
  /** TLS settings beyond what rediss:// implies (a private CA, a client certificate). */
  tls?: ConnectionTls;
  /** How many databases the picker offers (saved connections say; 16 otherwise). */
  databases?: number;
  color?: string;
};

/** PEM texts and options for node:tls (ioredis passes them to tls.connect). */
export type ConnectionTls = {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized?: boolean;
};

export type AuthConfig = {
  /** KEYSCOPE_PASSWORD: turns on the login page. */
  password: string | null;
  /** KEYSCOPE_TOKEN: bearer token for scripts. */
  token: string | null;
  /** KEYSCOPE_SECRET: keys session cookies; null means the data directory's session-secret. */
  secret: string | null;
  sessionTtlSeconds: number;
};

export type KeyscopeConfig = {
  connections: ConnectionConfig[];
  readOnly: boolean;
  /** KEYSCOPE_ALLOW_CONNECTION_EDITS: adding, changing and deleting connections from the API. */
  allowConnectionEdits: boolean;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  auth: AuthConfig;
  maxBodyBytes: number;
  /** KEYSCOPE_MAX_IMPORT_BYTES: an import file (streamed to the data directory, never held). */
  maxImportBytes: number;
  scanBudgetMs: number;
  /** KEYSCOPE_MAX_STREAMS: open event streams (profiler, pub/sub, keyspace events) per connection. */
  maxStreams: number;
  /** Absolute path of the data directory (sessions, reports, saved connections, audit log). */
  dataDir: string;
  /** Absolute path of the audit log. */
  auditLog: string;
  /** Read by scripts/server.mjs too (see there); validated here so a typo stops start-up. */
  server: {
    host: string;
    port: number;
    insecure: boolean;
    /** KEYSCOPE_TRUST_PROXY: how many reverse proxies append to X-Forwarded-For (0: none). */
    trustProxyHops: number;
    distDir: string;
    /** KEYSCOPE_ALLOWED_HOSTS, normalised (lib/allowed-hosts.ts): more names Host may carry. */
    allowedHosts: string[];
    /** KEYSCOPE_API_FAST_PATH: API reads answered outside Next's pipeline (scripts/lib/api-direct.mjs). */
    apiFastPath: boolean;
  };
};

// REDIS_URL: one server, or `redis+cluster://h:p,h:p` for a cluster's seed nodes.
const redisOrClusterUrl = z
  .string()
  .refine(
    (u) => (/^rediss?:\/\//.test(u) && URL.canParse(u)) || parseClusterUrl(u) !== null,
    "must be a redis:// or rediss:// URL, or redis+cluster://host:port,host:port",
  );

// The spellings scripts/server.mjs accepts too; anything else is refused, not read as "off".
const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["0", "false", "no", "off"];

const flag = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine((v) => TRUE.includes(v) || FALSE.includes(v), "must be 1/true/yes/on or 0/false/no/off")
  .transform((v) => TRUE.includes(v));

// A hop count (scripts/lib/client-address.mjs applies it, with the same spellings): a flag's
// "on" is one proxy, which is what `1` always meant; a list of proxy addresses is not taken,
// since Keyscope sits behind a fixed chain whose length is known and its addresses may not be.
const proxyHops = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine(
    (v) => TRUE.includes(v) || FALSE.includes(v) || (/^\d{1,2}$/.test(v) && Number(v) <= 20),
    "must be a number of proxies from 0 to 20 (1/true/yes/on: one, 0/false/no/off: none)",
  )
  .transform((v) => (TRUE.includes(v) ? 1 : FALSE.includes(v) ? 0 : Number(v)));

function wholeNumber(unit: string, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .regex(/^\d+$/, `must be a positive whole number of ${unit}`)
    .transform(Number)
    .refine((n) => n > 0 && n <= max, `must be a positive whole number of ${unit} up to ${max}`);
}

function positiveNumber(unit: string) {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, `must be a positive number of ${unit}`)
    .transform(Number)
    .refine((n) => n > 0, `must be a positive number of ${unit}`);
}

type PathKind = "dir" | "file";

/** A path, resolved against the working directory; refused if something of the wrong kind is there. */
function path(kind: PathKind) {
  return z
    .string()
    .refine((p) => !p.includes("\0"), "must not contain a NUL byte")
    .transform((p) => resolve(p))
    .superRefine((p, ctx) => {
      const found = existing(p);
      if (found === "dir" && kind === "file")
        ctx.addIssue({ code: "custom", message: `${p} is a directory, not a file` });
      if (found === "file" && kind === "dir")
        ctx.addIssue({ code: "custom", message: `${p} exists and is not a directory` });
    });
}

function existing(p: string): PathKind | null {
  try {
    return statSync(p).isDirectory() ? "dir" : "file";
  } catch {
    return null;
  }
}

// The data directory defaults to ./data under the working directory: npm scripts run from the
// package root, so that is <install>/data, beside the code, already git-ignored, and where 0.1
// wrote its audit log (an upgrade keeps appending to the same file).
const DEFAULT_DATA_DIR = "data";

// 16 MiB: a bigger string value can still be written by SETRANGE windows from the viewer.
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
// 1 GiB: a key import is streamed to a file in the data directory, so this bounds disk, not memory.
const DEFAULT_MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
// 150 ms covers roughly 300k examined keys on a laptop-class machine (see lib/redis/scan.ts).
const DEFAULT_SCAN_BUDGET_MS = 150;

// Host names only: the port is not compared, and a scheme or path means a URL was pasted.
const hostList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
  )
  .superRefine((names, ctx) => {
    for (const n of names)
      if (!isHostName(normaliseHostName(n)))
        ctx.addIssue({
          code: "custom",
          message: `"${n}" is not a host name (names or IP addresses, comma-separated, without scheme or port)`,
        });
  })
  .transform((names) => names.map(normaliseHostName));

/** One entry per variable; an empty string counts as unset (`KEYSCOPE_PASSWORD= npm start`). */
export const envSchema = z.object({
  REDIS_URL: redisOrClusterUrl.default("redis://127.0.0.1:6379"),
  KEYSCOPE_CONNECTIONS: path("file").optional(),
  HOST: z.string().default("127.0.0.1"),
  KEYSCOPE_ALLOWED_HOSTS: hostList.default([]),
  PORT: wholeNumber("port", 65535).default(3000),
  KEYSCOPE_READ_ONLY: flag.default(false),
  KEYSCOPE_ALLOW_CONNECTION_EDITS: flag.default(true),
  KEYSCOPE_COMMAND_TIMEOUT_MS: wholeNumber("milliseconds").default(5000),
  KEYSCOPE_CONNECT_TIMEOUT_MS: wholeNumber("milliseconds").default(3000),
  KEYSCOPE_MAX_BODY_BYTES: wholeNumber("bytes").default(DEFAULT_MAX_BODY_BYTES),
  KEYSCOPE_MAX_IMPORT_BYTES: wholeNumber("bytes").default(DEFAULT_MAX_IMPORT_BYTES),
  KEYSCOPE_SCAN_BUDGET_MS: wholeNumber("milliseconds").default(DEFAULT_SCAN_BUDGET_MS),
  KEYSCOPE_MAX_STREAMS: wholeNumber("streams", 1000).default(8),
  KEYSCOPE_PASSWORD: z.string().optional(),
  KEYSCOPE_TOKEN: z.string().optional(),
  KEYSCOPE_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  KEYSCOPE_SESSION_HOURS: positiveNumber("hours").default(12),
  KEYSCOPE_INSECURE: flag.default(false),
  KEYSCOPE_TRUST_PROXY: proxyHops.default(0),
  KEYSCOPE_DATA_DIR: z.string().default(DEFAULT_DATA_DIR).pipe(path("dir")),
  KEYSCOPE_AUDIT_LOG: path("file").optional(),
  KEYSCOPE_DIST_DIR: z.string().default(".next"),
  KEYSCOPE_API_FAST_PATH: flag.default(true),
});

export type EnvName = keyof typeof envSchema.shape;
const SECRETS = new Set<string>(["KEYSCOPE_PASSWORD", "KEYSCOPE_TOKEN", "KEYSCOPE_SECRET"]);
export const ENV_NAMES = Object.keys(envSchema.shape) as EnvName[];

/** Parses the environment; throws one Error naming every bad variable and what is wrong. */
export function loadConfig(env: Record<string, string | undefined> = process.env): KeyscopeConfig {
  const input: Record<string, string> = {};
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? "environment");
      // Never echo a secret into a log: its name and what is wrong are enough.
      const shown = SECRETS.has(name) ? "(hidden)" : JSON.stringify(input[name] ?? "");
      return `${name}=${shown} ${i.message}`;
    });
    throw new Error(problems.join("; "));
  }
  const e = parsed.data;
  const fromFile = e.KEYSCOPE_CONNECTIONS ? readConnectionsFile(e.KEYSCOPE_CONNECTIONS) : [];
  const connections: ConnectionConfig[] = fromFile.some((c) => c.id === "default")
    ? fromFile
    : [defaultConnection(e.REDIS_URL), ...fromFile];
  return {
    connections,
    readOnly: e.KEYSCOPE_READ_ONLY,
    allowConnectionEdits: e.KEYSCOPE_ALLOW_CONNECTION_EDITS,
    commandTimeoutMs: e.KEYSCOPE_COMMAND_TIMEOUT_MS,
    connectTimeoutMs: e.KEYSCOPE_CONNECT_TIMEOUT_MS,
    auth: {
      // Secrets are used as given (not trimmed): a password may end in a space.
      password: env.KEYSCOPE_PASSWORD || null,
      token: env.KEYSCOPE_TOKEN || null,
      secret: env.KEYSCOPE_SECRET || null,
      sessionTtlSeconds: Math.round(e.KEYSCOPE_SESSION_HOURS * 3600),
    },
    maxBodyBytes: e.KEYSCOPE_MAX_BODY_BYTES,
    maxImportBytes: e.KEYSCOPE_MAX_IMPORT_BYTES,
    scanBudgetMs: e.KEYSCOPE_SCAN_BUDGET_MS,
    maxStreams: e.KEYSCOPE_MAX_STREAMS,
    dataDir: e.KEYSCOPE_DATA_DIR,
    auditLog: e.KEYSCOPE_AUDIT_LOG ?? resolve(e.KEYSCOPE_DATA_DIR, "audit.log"),
    server: {
      host: e.HOST,
      port: e.PORT,
      insecure: e.KEYSCOPE_INSECURE,
      trustProxyHops: e.KEYSCOPE_TRUST_PROXY,
      distDir: e.KEYSCOPE_DIST_DIR,
      allowedHosts: e.KEYSCOPE_ALLOWED_HOSTS,
      apiFastPath: e.KEYSCOPE_API_FAST_PATH,
    },
  };
}

// One parsed copy per process (lib/process-state.ts says why not a module variable).
const parsed = processState("config", () => ({ value: undefined as KeyscopeConfig | undefined }));

export function config(): KeyscopeConfig {
  parsed.value ??= loadConfig();
  return parsed.value;
}

/** Tests swap the environment between cases; production never calls this. */
export function resetConfigForTests(): void {
  parsed.value = undefined;
}
