import "server-only";
import { statSync } from "node:fs";
import { z } from "zod";
import { type ConnectionConfig, type ConnectionTls, config } from "@/lib/config";
import { type NatMap, natMapSchema, type Topology } from "@/lib/connection-modes";
import { dataPath, readDataFileSync, writeFileAtomic } from "@/lib/data-dir";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { CONNECTION_COLORS } from "@/lib/schemas/connections";
import { seal, unseal } from "./seal";

// Saved connections: connections.json in the data directory (600, written atomically by
// lib/data-dir.ts), passwords and TLS private keys sealed (seal.ts). The file is read on first
// need and again whenever it changes on disk (another Keyscope on the same data directory, an
// operator's edit): its size, mtime and inode are checked at most every CHECK_MS. Writes go one
// at a time, each on a fresh read, so two edits never lose one another.

export const CONNECTIONS_FILE = "connections.json";
// A stat costs a few µs, but connectionConfig runs several times per request; 250 ms means an
// outside edit is seen within a quarter second, and this process's own writes at once.
const CHECK_MS = 250;
/** Enough for any team; a bound so that the file (and each request's lookup) stays small. */
export const MAX_SAVED = 500;

/** A saved connection as this process uses it: secrets in the clear, in memory only. */
export type SavedConnection = {
  id: string;
  name: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** false: plain TCP; otherwise TLS, with PEM texts and options where given. */
  tls: false | ConnectionTls;
  databases: number;
  readOnly: boolean;
  production: boolean;
  color?: (typeof CONNECTION_COLORS)[number];
  /** Absent: standalone. Cluster: `seeds`; sentinel: `sentinels` + `masterName`. */
  mode?: "cluster" | "sentinel";
  seeds?: string[];
  sentinels?: string[];
  masterName?: string;
  sentinelUsername?: string;
  sentinelPassword?: string;
  natMap?: NatMap;
  createdAt: string;
  updatedAt: string;
};

const sealedTls = z.union([
  z.literal(false),
  z.object({
    ca: z.string().optional(),
    cert: z.string().optional(),
    key: z.string().optional(), // sealed
    servername: z.string().optional(),
    rejectUnauthorized: z.boolean().optional(),
  }),
]);

const record = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string().optional(),
  password: z.string().optional(), // sealed
  tls: sealedTls,
  databases: z.number().int(),
  readOnly: z.boolean(),
  production: z.boolean(),
  color: z.enum(CONNECTION_COLORS).optional(),
  mode: z.enum(["cluster", "sentinel"]).optional(),
  seeds: z.array(z.string()).optional(),
  sentinels: z.array(z.string()).optional(),
  masterName: z.string().optional(),
  sentinelUsername: z.string().optional(),
  sentinelPassword: z.string().optional(), // sealed
  natMap: natMapSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), connections: z.array(record) });

type Stamp = string;
type Cache = {
  config?: object;
  stamp?: Stamp;
  checkedAt: number;
  saved: SavedConnection[];
  /** The file could not be read: the message, and writes are refused until it is fixed. */
  damaged?: string;
  all?: ConnectionConfig[];
  /** Serialises writes. */
  writing: Promise<unknown>;
};
const cache = processState(
  "savedConnections",
  (): Cache => ({
    checkedAt: 0,
    saved: [],
    writing: Promise.resolve(),
  }),
);

function stampOf(): Stamp {
  try {
    const s = statSync(dataPath(CONNECTIONS_FILE));
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return "none";
  }
}

const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`[keyscope] ${message}`);
}

function open(id: string, sealed: string | undefined, what: string): string | undefined {
  if (sealed === undefined) return undefined;
  const plain = unseal(sealed, id);
  if (plain === null)
    warnOnce(
      `saved connection "${id}": its ${what} does not decrypt (was the server secret changed?); it is left out until one is given again`,
    );
  return plain ?? undefined;
}

/** Reads and decrypts the file; a file that does not parse is reported, not half-used. */
function readFile(): { saved: SavedConnection[]; damaged?: string } {
  const text = readDataFileSync(CONNECTIONS_FILE);
  if (text === null) return { saved: [] };
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch (e) {
    const damaged = `${CONNECTIONS_FILE} in the data directory cannot be read (${(e as Error).message.slice(0, 200)}); saved connections are unavailable until it is fixed or removed`;
    warnOnce(damaged);
    return { saved: [], damaged };
  }
  const saved = parsed.connections.map((r): SavedConnection => {
    const { password, sentinelPassword, tls, ...rest } = r;
    const plain = open(r.id, password, "password");
    const sentinelPlain = open(r.id, sentinelPassword, "sentinel password");
    return {
      ...rest,
      ...(plain !== undefined && { password: plain }),
      ...(sentinelPlain !== undefined && { sentinelPassword: sentinelPlain }),
      tls:
        tls === false
          ? false
          : (() => {
              const { key, ...t } = tls;
              const k = open(r.id, key, "TLS key");
              return { ...t, ...(k !== undefined && { key: k }) };
            })(),
    };
  });
  return { saved };
}

function refresh(force = false): Cache {
  const now = Date.now();
  const cfg = config();
  if (!force && cache.config === cfg && now - cache.checkedAt < CHECK_MS) return cache;
  cache.checkedAt = now;
  const stamp = stampOf();
  if (!force && cache.config === cfg && stamp === cache.stamp) return cache;
  const { saved, damaged } = readFile();
  cache.config = cfg;
  cache.stamp = stamp;
  cache.saved = saved;
  cache.damaged = damaged;
  cache.all = undefined;
  return cache;
}

/** The saved connections (secrets in the clear: never send these to a client). */
export function savedConnections(): readonly SavedConnection[] {
  return refresh().saved;
}

/** A saved connection as the client registry wants it: a URL with its credentials, TLS options. */
export function toConfig(s: SavedConnection): ConnectionConfig {
  const url = new URL(`${s.tls === false ? "redis" : "rediss"}://placeholder`);
  url.hostname = s.host.includes(":") && !s.host.startsWith("[") ? `[${s.host}]` : s.host;
  url.port = String(s.port);
  if (s.username) url.username = encodeURIComponent(s.username);
  if (s.password) url.password = encodeURIComponent(s.password);
  const topology = topologyOf(s);
  return {
    id: s.id,
    name: s.name,
    url: url.toString(),
    readOnly: s.readOnly,
    production: s.production,
    source: "saved",
    ...(s.tls !== false && { tls: s.tls }),
    databases: s.databases,
    ...(s.color && { color: s.color }),
    ...(topology && { topology }),
  };
}

/** The saved mode fields as the client registry's Topology (undefined: standalone). */
function topologyOf(s: SavedConnection): Topology | undefined {
  const natMap = s.natMap && Object.keys(s.natMap).length > 0 ? { natMap: s.natMap } : {};
  if (s.mode === "cluster" && s.seeds?.length)
    return { mode: "cluster", seeds: s.seeds, ...natMap };
  if (s.mode === "sentinel" && s.sentinels?.length && s.masterName)
    return {
      mode: "sentinel",
      sentinels: s.sentinels,
      masterName: s.masterName,
      ...(s.sentinelUsername && { sentinelUsername: s.sentinelUsername }),
      ...(s.sentinelPassword && { sentinelPassword: s.sentinelPassword }),
      ...natMap,
    };
  return undefined;
}

/** Every connection: the environment's, then the saved ones (an id the environment took wins). */
export function allConnections(): ConnectionConfig[] {
  const c = refresh();
  if (!c.all) {
    const env = config().connections.map((e) => ({ ...e, source: "env" as const }));
    const taken = new Set(env.map((e) => e.id));
    const saved = c.saved.filter((s) => {
      if (!taken.has(s.id)) return true;
      warnOnce(
        `saved connection "${s.id}" is hidden: the environment names a connection with that id`,
      );
      return false;
    });
    c.all = [...env, ...saved.map(toConfig)];
  }
  return c.all;
}

function toRecord(s: SavedConnection): z.infer<typeof record> {
  const { password, sentinelPassword, tls, ...rest } = s;
  return {
    ...rest,
    ...(password !== undefined && { password: seal(password, s.id) }),
    ...(sentinelPassword !== undefined && { sentinelPassword: seal(sentinelPassword, s.id) }),
    tls:
      tls === false
        ? false
        : (() => {
            const { key, ...t } = tls;
            return { ...t, ...(key !== undefined && { key: seal(key, s.id) }) };
          })(),
  };
}

/**
 * Changes the saved connections in one step: `change` gets a fresh copy of the list and returns
 * the new list and its answer; the file is replaced atomically. One change at a time.
 */
export function changeSaved<T>(
  change: (list: SavedConnection[]) => { list: SavedConnection[]; answer: T },
): Promise<T> {
  const run = async () => {
    const c = refresh(true);
    if (c.damaged) throw new ApiError("INTERNAL", c.damaged);
    const { list, answer } = change([...c.saved]);
    if (list.length > MAX_SAVED)
      throw new ApiError("BAD_REQUEST", `At most ${MAX_SAVED} connections can be saved.`);
    const file = { version: 1, connections: list.map(toRecord) };
    await writeFileAtomic(CONNECTIONS_FILE, `${JSON.stringify(file, null, 2)}\n`);
    c.saved = list;
    c.all = undefined;
    c.stamp = stampOf();
    c.checkedAt = Date.now();
    return answer;
  };
  const next = cache.writing.then(run, run);
  cache.writing = next.catch(() => {});
  return next;
}
