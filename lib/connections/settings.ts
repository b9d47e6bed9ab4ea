import "server-only";
import type { ConnectionConfig } from "@/lib/config";
import { addrOf, sentinelAuth, splitAddr } from "@/lib/connection-modes";
import { ApiError } from "@/lib/errors";
import type { ConnectionPatch } from "@/lib/schemas/connections";
import type { SavedConnection } from "./store";

// A connection's settings from a form or an import: one place that applies the fields given to
// what is there, so POST, PUT, the test and the import agree on what each field means.

export type Settings = Omit<SavedConnection, "id" | "createdAt" | "updatedAt">;

export const NEW_SETTINGS: Settings = {
  name: "",
  host: "",
  port: 6379,
  tls: false,
  databases: 16,
  readOnly: false,
  production: false,
};

const DEFAULT_PORT = 6379;

/** What a redis:// or rediss:// URL says (the schema checked that it parses). */
function fromUrl(text: string) {
  const url = new URL(text);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!host) throw new ApiError("BAD_REQUEST", "url: names no host.");
  return {
    host,
    port: url.port ? Number(url.port) : DEFAULT_PORT,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    tls: url.protocol === "rediss:",
  };
}

/** Removes a field whose value is "" (a form's "remove"), keeps the others as they are. */
function orRemoved<T extends object, K extends keyof T>(o: T, k: K): T {
  if (o[k] === "") {
    const { [k]: _, ...rest } = o;
    return rest as T;
  }
  return o;
}

/**
 * The settings with `patch` applied: absent fields stay; `password` and TLS texts: "" removes,
 * a string replaces; a `url` replaces host, port, username and TLS on/off (and the password when
 * it carries one); `color: null` removes the colour.
 */
export function applyPatch(base: Settings, given: ConnectionPatch): Settings {
  const patch = withModeDefaults(given);
  let s: Settings = applyMode({ ...base }, patch);
  if (patch.url !== undefined) {
    const u = fromUrl(patch.url);
    s = { ...s, host: u.host, port: u.port, tls: u.tls ? (s.tls === false ? {} : s.tls) : false };
    if (u.username === undefined) delete s.username;
    else s.username = u.username;
    if (u.password !== undefined) s.password = u.password;
  }
  if (patch.name !== undefined) s.name = patch.name;
  if (patch.host !== undefined) s.host = patch.host.replace(/^\[|\]$/g, "");
  if (patch.port !== undefined) s.port = patch.port;
  if (patch.username !== undefined) s = orRemoved({ ...s, username: patch.username }, "username");
  if (patch.password !== undefined) s = orRemoved({ ...s, password: patch.password }, "password");
  if (patch.tls === false) s.tls = false;
  else if (patch.tls === true) s.tls = s.tls === false ? {} : s.tls;
  else if (patch.tls !== undefined) {
    let tls = { ...(s.tls === false ? {} : s.tls), ...patch.tls };
    for (const k of ["ca", "cert", "key"] as const) tls = orRemoved(tls, k);
    s.tls = tls;
  }
  if (patch.databases !== undefined) s.databases = patch.databases;
  if (patch.readOnly !== undefined) s.readOnly = patch.readOnly;
  if (patch.production !== undefined) s.production = patch.production;
  if (patch.color === null) delete s.color;
  else if (patch.color !== undefined) s.color = patch.color;
  if (s.mode === "cluster" && !s.seeds?.length)
    throw new ApiError("BAD_REQUEST", "nodes: a cluster connection needs its seed nodes.");
  if (s.mode === "sentinel" && (!s.sentinels?.length || !s.masterName))
    throw new ApiError(
      "BAD_REQUEST",
      "sentinels, masterName: a sentinel connection needs its sentinels and the master's name.",
    );
  if (!s.host) throw new ApiError("BAD_REQUEST", "host: give a url or a host.");
  if (s.tls !== false && s.tls.key !== undefined && s.tls.cert === undefined)
    throw new ApiError("BAD_REQUEST", "tls.key: a client key needs its certificate (tls.cert).");
  return s;
}

const MODE_FIELDS = [
  "mode",
  "seeds",
  "sentinels",
  "masterName",
  "sentinelUsername",
  "sentinelPassword",
  "natMap",
] as const;

/**
 * A cluster's seeds or a sentinel set's addresses also say where (host/port, shown in the list)
 * and, as redis:// URLs, the credentials and TLS: the body's own url/host/user win.
 */
function withModeDefaults(p: ConnectionPatch): ConnectionPatch {
  const list = p.nodes ?? p.sentinels;
  if (!list || p.url !== undefined || p.host !== undefined) return p;
  const { host, port } = splitAddr(addrOf(list[0] as string) as string);
  const out: ConnectionPatch = { ...p, host, port };
  if (p.nodes) {
    const withUrl = p.nodes.find((n) => n.includes("://"));
    if (withUrl) {
      const u = fromUrl(withUrl);
      if (u.username !== undefined && p.username === undefined) out.username = u.username;
      if (u.password !== undefined && p.password === undefined) out.password = u.password;
      if (u.tls && p.tls === undefined) out.tls = true;
    }
  } else if (p.sentinels) {
    const auth = sentinelAuth(p.sentinels);
    if (auth.sentinelUsername && p.sentinelUsername === undefined)
      out.sentinelUsername = auth.sentinelUsername;
    if (auth.sentinelPassword && p.sentinelPassword === undefined)
      out.sentinelPassword = auth.sentinelPassword;
    if (p.sentinels.some((t) => /^rediss:/i.test(t)) && p.tls === undefined) out.tls = true;
  }
  return out;
}

/** The mode fields of the patch on the settings; switching mode drops the other mode's fields. */
function applyMode(s: Settings, p: ConnectionPatch): Settings {
  const next: Settings = { ...s };
  if (p.mode === "standalone") for (const k of MODE_FIELDS) delete next[k];
  if (p.mode === "cluster") {
    next.mode = "cluster";
    for (const k of ["sentinels", "masterName", "sentinelUsername", "sentinelPassword"] as const)
      delete next[k];
  }
  if (p.mode === "sentinel") {
    next.mode = "sentinel";
    delete next.seeds;
  }
  if (p.nodes !== undefined) next.seeds = p.nodes.map((n) => addrOf(n) as string);
  if (p.sentinels !== undefined) next.sentinels = p.sentinels.map((n) => addrOf(n) as string);
  if (p.masterName !== undefined) next.masterName = p.masterName;
  for (const k of ["sentinelUsername", "sentinelPassword"] as const) {
    const v = p[k];
    if (v === "") delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  if (p.natMap !== undefined) {
    if (Object.keys(p.natMap).length === 0) delete next.natMap;
    else next.natMap = p.natMap;
  }
  return next;
}

/** An environment connection's settings (its URL and TLS), for testing it by id. */
export function settingsOfConfig(c: ConnectionConfig): Settings {
  const u = fromUrl(c.url);
  return {
    ...NEW_SETTINGS,
    name: c.name,
    host: u.host,
    port: u.port,
    ...(u.username !== undefined && { username: u.username }),
    ...(u.password !== undefined && { password: u.password }),
    tls: u.tls ? (c.tls ?? {}) : false,
    readOnly: c.readOnly,
    production: c.production,
    ...modeSettings(c),
  };
}

function modeSettings(c: ConnectionConfig): Partial<Settings> {
  const t = c.topology;
  if (t?.mode === "cluster")
    return { mode: "cluster", seeds: t.seeds, ...(t.natMap && { natMap: t.natMap }) };
  if (t?.mode === "sentinel") {
    const { mode: _, ...rest } = t;
    return { mode: "sentinel", ...rest };
  }
  return {};
}
