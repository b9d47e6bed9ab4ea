import "server-only";
import type { ConnectionConfig } from "@/lib/config";
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
export function applyPatch(base: Settings, patch: ConnectionPatch): Settings {
  let s: Settings = { ...base };
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
  if (!s.host) throw new ApiError("BAD_REQUEST", "host: give a url or a host.");
  if (s.tls !== false && s.tls.key !== undefined && s.tls.cert === undefined)
    throw new ApiError("BAD_REQUEST", "tls.key: a client key needs its certificate (tls.cert).");
  return s;
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
  };
}
