import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ConnectionConfig, ConnectionTls } from "./config";
import {
  addrOf,
  natMapSchema,
  parseClusterUrl,
  sentinelAuth,
  type Topology,
} from "./connection-modes";
import { connectionTlsInput } from "./schemas/connections";

// The connections lib/config.ts reads at start-up: the KEYSCOPE_CONNECTIONS file (standalone,
// cluster and sentinel entries) and REDIS_URL as the `default` connection. Not server-only, for
// the same reason as config.ts (instrumentation.ts reads it before the server listens).

const redisUrl = z
  .string()
  .refine((u) => /^rediss?:\/\//.test(u) && URL.canParse(u), "must be a redis:// or rediss:// URL");

const nodeList = z
  .array(z.string().refine((n) => addrOf(n) !== null, "must be redis://host:port or host:port"))
  .min(1)
  .max(100);

const connectionFileSchema = z.array(
  z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "ids are 1-64 letters, digits, '-' or '_'"),
      name: z.string().min(1).max(200),
      mode: z.enum(["standalone", "cluster", "sentinel"]).optional(),
      url: redisUrl.optional(),
      /** Cluster: seed nodes. */
      nodes: nodeList.optional(),
      /** Sentinel: the sentinels (their own credentials in the URLs) and the master's name. */
      sentinels: nodeList.optional(),
      masterName: z.string().min(1).max(200).optional(),
      natMap: natMapSchema.optional(),
      /**
       * TLS beyond rediss://: a private CA, a client certificate (PEM text, as POST
       * /api/connections takes it); it turns TLS on. A cluster's every node gets it.
       */
      tls: connectionTlsInput.optional(),
      readOnly: z.boolean().optional(),
      production: z.boolean().optional(),
    })
    .superRefine((c, ctx) => {
      const mode = c.mode ?? "standalone";
      const need = (field: string, ok: boolean, what: string) => {
        if (!ok) ctx.addIssue({ code: "custom", path: [field], message: what });
      };
      if (mode === "standalone")
        need("url", c.url !== undefined, "a standalone connection needs url");
      if (mode === "cluster")
        need("nodes", c.nodes !== undefined, "a cluster connection needs nodes");
      if (c.tls?.key && !c.tls.cert)
        ctx.addIssue({
          code: "custom",
          path: ["tls", "key"],
          message: "a client key needs its certificate (tls.cert)",
        });
      if (mode === "sentinel") {
        need("sentinels", c.sentinels !== undefined, "a sentinel connection needs sentinels");
        need("masterName", c.masterName !== undefined, "a sentinel connection needs masterName");
      }
    }),
);

type FileEntry = z.infer<typeof connectionFileSchema>[number];

/** The URL (credentials, TLS) and topology of a KEYSCOPE_CONNECTIONS entry the schema accepted. */
function whereOf(c: FileEntry): { url: string; topology?: Topology } {
  const natMap = c.natMap && { natMap: c.natMap };
  if (c.mode === "cluster" && c.nodes) {
    const seeds = c.nodes.map((n) => addrOf(n) as string);
    const first = c.nodes.find((n) => n.includes("://"));
    return {
      url: c.url ?? first ?? `redis://${seeds[0]}`,
      topology: { mode: "cluster", seeds, ...natMap },
    };
  }
  if (c.mode === "sentinel" && c.sentinels && c.masterName) {
    const tls = c.sentinels.some((s) => s.startsWith("rediss://"));
    return {
      // The master's address comes from the sentinels; this URL's host is never dialled.
      url: c.url ?? `${tls ? "rediss" : "redis"}://sentinel-master`,
      topology: {
        mode: "sentinel",
        sentinels: c.sentinels.map((n) => addrOf(n) as string),
        masterName: c.masterName,
        ...sentinelAuth(c.sentinels),
        ...natMap,
      },
    };
  }
  return { url: c.url as string };
}

/**
 * `tls` turns TLS on as rediss:// does, so the URL says so too: every reader of a connection
 * (the clients, a test by id, the list's `tls`) then agrees that it is TLS.
 */
function withTls(
  where: { url: string; topology?: Topology },
  tls: FileEntry["tls"],
): { url: string; topology?: Topology; tls?: ConnectionTls } {
  if (!tls) return where;
  const url = where.url.replace(/^redis:\/\//i, "rediss://");
  const pems = Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== ""));
  return { ...where, url, tls: pems };
}

/** REDIS_URL as the default connection: one server, or a cluster's seeds. */
export function defaultConnection(redisUrlValue: string): ConnectionConfig {
  const cluster = parseClusterUrl(redisUrlValue);
  return {
    id: "default",
    name: "default",
    url: cluster ? cluster.url : redisUrlValue,
    ...(cluster && { topology: { mode: "cluster" as const, seeds: cluster.seeds } }),
    readOnly: false,
    production: false,
  };
}

function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

export function readConnectionsFile(path: string): ConnectionConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`KEYSCOPE_CONNECTIONS: cannot read ${path} as JSON (${(e as Error).message})`);
  }
  const parsed = connectionFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `KEYSCOPE_CONNECTIONS: ${path} is not a list of {id, name, url | nodes | sentinels…, readOnly?}: ${describeZodError(parsed.error)}`,
    );
  }
  const ids = new Set<string>();
  for (const c of parsed.data) {
    if (ids.has(c.id))
      throw new Error(`KEYSCOPE_CONNECTIONS: ${path} names the id "${c.id}" twice`);
    ids.add(c.id);
  }
  return parsed.data.map((c) => ({
    id: c.id,
    name: c.name,
    ...withTls(whereOf(c), c.tls),
    readOnly: c.readOnly ?? false,
    production: c.production ?? false,
  }));
}
