import { z } from "zod";
import { addrOf, CONNECTION_MODES, natMapSchema } from "@/lib/connection-modes";

export const health = z.object({ ok: z.literal(true), version: z.string() });
export const okResult = z.object({ ok: z.literal(true) });

/** GET /api/openapi.json: checked only at the top; lib/api/openapi.ts builds the rest. */
export const openApiDoc = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** The colours a connection may carry to tell production apart (the UI maps each to its palette). */
export const CONNECTION_COLORS = [
  "red",
  "orange",
  "yellow",
  "green",
  "teal",
  "blue",
  "purple",
  "gray",
] as const;
export const connectionColor = z.enum(CONNECTION_COLORS);
export type ConnectionColor = z.infer<typeof connectionColor>;

export const CONNECTION_SOURCES = ["env", "saved"] as const;

/**
 * What the API says about a connection: where it comes from and how it is reached, never a
 * password, a TLS key or a URL (a URL may carry credentials). `source: "env"` is REDIS_URL or
 * KEYSCOPE_CONNECTIONS (cannot be changed from the API); `"saved"` was added at run time.
 */
export const connectionSummary = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(["standalone", "cluster", "sentinel"]),
  readOnly: z.boolean(),
  production: z.boolean(),
  source: z.enum(CONNECTION_SOURCES),
  host: z.string(),
  port: z.number(),
  username: z.string().optional(),
  tls: z.boolean(),
  hasPassword: z.boolean(),
  /** Cluster: the seed nodes (host:port) the layout is first asked of. */
  seeds: z.array(z.string()).optional(),
  /** Sentinel: the sentinels (host:port) and the name of the master they watch. */
  sentinels: z.array(z.string()).optional(),
  masterName: z.string().optional(),
  /** Sentinel: the sentinels' own ACL user, if any (shown back like `username`). */
  sentinelUsername: z.string().optional(),
  /** Sentinel: whether the sentinels themselves take a password (never the password). */
  hasSentinelPassword: z.boolean().optional(),
  /** How many announced addresses are mapped to reachable ones. */
  natMapEntries: z.number().optional(),
  /** How many logical databases the picker offers (the server's own count wins once known). */
  databases: z.number(),
  color: connectionColor.optional(),
});
export const connectionList = z.object({
  connections: z.array(connectionSummary),
  /** Whether saved connections can be added, changed or deleted here, and if not why. */
  edits: z.object({ allowed: z.boolean(), reason: z.string().optional() }),
});
export type ConnectionSummary = z.infer<typeof connectionSummary>;

// ── Adding, changing and testing connections (lib/connections/) ──

// Limits: generous for any real connection, small enough that a form cannot fill the data
// directory (a CA bundle of a few hundred certificates is ~200 kB).
const PEM_MAX = 256 * 1024;
const pem = z
  .string()
  .max(PEM_MAX, `must be PEM text of at most ${PEM_MAX / 1024} kB`)
  .refine(
    (t) => t === "" || /-----BEGIN [A-Z0-9 ]+-----/.test(t),
    "must be PEM text (-----BEGIN …)",
  );

/** TLS settings: `true` is TLS with the system's CAs; PEM text for a private CA or a client certificate. */
export const connectionTlsInput = z.strictObject({
  ca: pem.optional(),
  cert: pem.optional(),
  /** The client certificate's private key: encrypted at rest, never sent back. */
  key: pem.optional(),
  servername: z.string().min(1).max(253).optional(),
  /** false accepts any server certificate (self-signed test servers); default true. */
  rejectUnauthorized: z.boolean().optional(),
});
export type ConnectionTlsInput = z.infer<typeof connectionTlsInput>;

export const connectionUrl = z
  .string()
  .max(4096)
  .refine(
    (u) => /^rediss?:\/\//i.test(u) && URL.canParse(u),
    "must be a redis:// or rediss:// URL (redis://[user:password@]host:port)",
  );

/** host:port or redis(s):// URLs, one to 100 (the first that answers is used). */
const addrList = z
  .array(
    z
      .string()
      .trim()
      .max(4096)
      .refine((t) => addrOf(t) !== null, 'must be "host:port" or a redis:// URL'),
  )
  .min(1, "give at least one")
  .max(100, "at most 100");

const connectionFields = {
  name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  url: connectionUrl,
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9._:[\]-]+$/, "must be a host name or an IP address"),
  port: z.number().int().min(1, "must be 1-65535").max(65535, "must be 1-65535"),
  username: z.string().max(256),
  /** Write-only. In PUT: absent = unchanged, "" = remove, a string = replace. */
  password: z.string().max(4096),
  tls: z.union([z.boolean(), connectionTlsInput]),
  databases: z.number().int().min(1).max(10_000),
  readOnly: z.boolean(),
  production: z.boolean(),
  color: connectionColor.nullable(),
  /** standalone (default), cluster (`nodes`) or sentinel (`sentinels` + `masterName`). */
  mode: z.enum(CONNECTION_MODES),
  /** Cluster: seed nodes, "host:port" or redis:// URLs (a URL's credentials serve every node). */
  nodes: addrList,
  /** Sentinel: the sentinels, "host:port" or redis:// URLs. */
  sentinels: addrList,
  masterName: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(200)
    .regex(/^[^\s]+$/, "must be a master name without spaces"),
  /** The sentinels' own ACL user and password (sealed like `password`; "" removes). */
  sentinelUsername: z.string().max(256),
  sentinelPassword: z.string().max(4096),
  /** {"announced host:port": "reachable host:port"}: what Redis announces → what Keyscope can reach. */
  natMap: natMapSchema,
};

type Where = {
  url?: string;
  host?: string;
  port?: number;
  mode?: string;
  nodes?: string[];
  sentinels?: string[];
  masterName?: string;
};

/**
 * A body must say where Redis is: a URL or a host (standalone), seed nodes (cluster), sentinels
 * and a master name (sentinel). `required` is false for PUT, where the saved fields fill in.
 */
function checkTarget(v: Where, ctx: z.RefinementCtx, required: boolean): void {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (v.mode === "cluster" && required && v.nodes === undefined)
    issue("nodes", 'a cluster connection needs its seed nodes ("host:port", …)');
  if (v.mode === "sentinel" && required && v.sentinels === undefined)
    issue("sentinels", 'a sentinel connection needs its sentinels ("host:port", …)');
  if (v.mode === "sentinel" && required && v.masterName === undefined)
    issue("masterName", "a sentinel connection needs the name of the master the sentinels watch");
  if (v.mode !== "cluster" && v.mode !== undefined && v.nodes !== undefined)
    issue("nodes", 'nodes are for mode "cluster"');
  if (v.mode !== "sentinel" && v.mode !== undefined && v.sentinels !== undefined)
    issue("sentinels", 'sentinels are for mode "sentinel"');
  if (v.mode === "cluster" || v.mode === "sentinel") {
    if (v.url !== undefined && (v.host !== undefined || v.port !== undefined))
      issue("url", "give either url or host/port, not both");
    return; // the seeds or sentinels say where; url/host only carry credentials and TLS
  }
  if (v.url !== undefined && (v.host !== undefined || v.port !== undefined))
    ctx.addIssue({
      code: "custom",
      path: ["url"],
      message: "give either url or host/port, not both",
    });
  if (required && v.url === undefined && v.host === undefined)
    ctx.addIssue({ code: "custom", path: ["host"], message: "give a url or a host" });
}

/** Every field optional: what PUT and the test take, and POST's shape but its name. */
const patchShape = z.object(connectionFields).partial().shape;

/** POST /api/connections: a new connection. Unknown fields are refused (a typo must not vanish). */
export const connectionInput = z
  .strictObject({ ...patchShape, name: connectionFields.name })
  .superRefine((v, ctx) => checkTarget(v, ctx, true));
export type ConnectionInput = z.infer<typeof connectionInput>;

/**
 * PUT /api/connections/{id}: the fields to change, the others stay. `password` absent keeps the
 * stored one, "" removes it, a string replaces it; `color: null` removes the colour; a `url`
 * replaces host, port, username and TLS (and the password when the URL carries one).
 */
export const connectionPatch = z
  .strictObject(patchShape)
  .superRefine((v, ctx) => checkTarget(v, ctx, false));
export type ConnectionPatch = z.infer<typeof connectionPatch>;

/**
 * POST /api/connections/test: a whole connection as for POST (name optional), or `id` to test a
 * saved (or environment) connection with its stored password, with any fields of the form
 * changed on top (the edit form tests what it would save).
 */
export const connectionTestInput = z
  .strictObject({ id: z.string().min(1).max(64).optional(), ...patchShape })
  .superRefine((v, ctx) => checkTarget(v, ctx, v.id === undefined));
export type ConnectionTestInput = z.infer<typeof connectionTestInput>;

/** Why a test failed, for the form to say what to fix. */
export const CONNECTION_FAILURES = [
  "timeout", // no answer within the connect timeout (a paused or overloaded Redis, a firewall)
  "refused", // nothing listens there, or the host does not resolve
  "auth", // NOAUTH / WRONGPASS: a password is needed, or the one given is wrong
  "tls", // the TLS handshake failed (certificate, CA, a plain server behind rediss://)
  "error", // Redis answered with another error
] as const;

export const connectionTestResult = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    version: z.string(),
    mode: z.enum(["standalone", "cluster", "sentinel"]),
    latencyMs: z.number(),
    /** Cluster: how many masters hold slots. */
    masters: z.number().optional(),
    /** Sentinel: host:port of the master the sentinels name now. */
    master: z.string().optional(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(CONNECTION_FAILURES),
    message: z.string(),
    latencyMs: z.number(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResult>;

export const connectionCreated = z.object({ id: z.string() });

/** GET /api/connections/{conn}/state: the connection page's figures, each within the connect timeout. */
export const connectionState = z.object({
  reachable: z.boolean(),
  version: z.string().optional(),
  /** DBSIZE over every database (the sum of INFO keyspace). */
  keys: z.number().optional(),
  usedMemoryBytes: z.number().optional(),
  latencyMs: z.number().optional(),
  error: z.string().optional(),
});
export type ConnectionState = z.infer<typeof connectionState>;

/** GET /api/connections/export: `passwords=1` puts passwords and TLS keys in the file (audited). */
export const connectionExportQuery = z.object({
  passwords: z.enum(["0", "1"]).default("0"),
});

// 10 MB: what RedisInsight's own import takes (wave2.md E.1); a connections file is a few kB.
export const CONNECTION_IMPORT_MAX_CHARS = 10 * 1024 * 1024;

/**
 * POST /api/connections/import: the file's text as it is: Keyscope's export, RedisInsight's
 * (JSON, or base64 of it), Another Redis Desktop Manager's (base64 JSON) or Tiny RDM's (JSON).
 */
export const connectionImportInput = z.strictObject({
  content: z
    .string()
    .min(1, "the file is empty")
    .max(CONNECTION_IMPORT_MAX_CHARS, "the file is over 10 MB"),
});

export const connectionImportResult = z.object({
  /** The format that was recognised. */
  format: z.enum(["keyscope", "redisinsight", "ardm", "tinyrdm", "generic"]),
  results: z.array(
    z.discriminatedUnion("ok", [
      z.object({ name: z.string(), ok: z.literal(true), id: z.string() }),
      z.object({ name: z.string(), ok: z.literal(false), error: z.string() }),
    ]),
  ),
});
export type ConnectionImportResult = z.infer<typeof connectionImportResult>;

export const databaseList = z.object({
  databases: z.array(
    z.object({ db: z.number(), keys: z.number(), expires: z.number(), avgTtlMs: z.number() }),
  ),
});

export const connectionParams = z.object({ conn: z.string().min(1).max(64) });
export const dbParams = z.object({
  conn: z.string().min(1).max(64),
  db: z
    .string()
    .regex(/^\d{1,5}$/, "db must be a database index")
    .transform(Number),
});

/**
 * GET /api/connections/{conn}/status: the background probe's last word on the connection's
 * Redis (lib/redis/probe.ts). Times are Unix seconds; `checkedAt` and `latencyMs` are null
 * until a probe has finished.
 */
export const connectionStatus = z.object({
  state: z.enum(["ok", "down", "hung", "unknown"]),
  checkedAt: z.number().nullable(),
  latencyMs: z.number().nullable(),
  error: z.string().optional(),
  /** When this state began (for "unknown": when the probe started). */
  since: z.number(),
});
export type ConnectionStatus = z.infer<typeof connectionStatus>;
