// The add/edit form's state and what it sends: pure functions, so the form component only wires
// inputs to them. The body is checked with the API's own schemas (lib/schemas/connections.ts)
// before it is sent, and the server's 400 ("port: must be 1-65535") lands on the same fields.
import type { ZodError } from "zod";
import {
  type ConnectionColor,
  type ConnectionInput,
  type ConnectionPatch,
  type ConnectionSummary,
  type ConnectionTestInput,
  connectionInput,
  connectionPatch,
} from "@/lib/schemas/connections";
import {
  initialTopology,
  type PasswordMode,
  passwordChange,
  type RowKey,
  rowKeyOf,
  type TopologyState,
  topologyCreate,
  topologyPatch,
} from "./topology-model";

export type { PasswordMode } from "./topology-model";

export type FormState = TopologyState & {
  name: string;
  /** How the address is given: one URL, or host/port/username/password/TLS. */
  how: "fields" | "url";
  url: string;
  host: string;
  port: string;
  username: string;
  password: string;
  /** A saved connection with a password: keep it (sent as absent), replace it, or remove it (""). */
  passwordMode: PasswordMode;
  tls: boolean;
  ca: string;
  cert: string;
  key: string;
  servername: string;
  /** false: accept any server certificate (self-signed test servers). */
  verify: boolean;
  databases: string;
  readOnly: boolean;
  production: boolean;
  color: ConnectionColor | null;
};

export type Field = keyof FormState;
export type FieldErrors = Partial<Record<Field | RowKey | "form", string>>;
export type SetField = <F extends Field>(f: F, v: FormState[F]) => void;

export function initialState(c?: ConnectionSummary): FormState {
  return {
    name: c?.name ?? "",
    how: "fields",
    url: "",
    host: c?.host ?? "127.0.0.1",
    port: String(c?.port ?? 6379),
    username: c?.username ?? "",
    password: "",
    passwordMode: c?.hasPassword ? "keep" : "replace",
    tls: c?.tls ?? false,
    ca: "",
    cert: "",
    key: "",
    servername: "",
    verify: true,
    // A cluster lists as one database; should it become a sentinel or standalone, 16 is the default.
    databases: String(c && c.mode !== "cluster" ? c.databases : 16),
    readOnly: c?.readOnly ?? false,
    production: c?.production ?? false,
    color: c?.color ?? null,
    ...initialTopology(c),
  };
}

/** A whole number as typed, or NaN (the schema then names the field). */
const num = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);

function tlsValue(s: FormState): ConnectionInput["tls"] {
  if (!s.tls) return false;
  const pems = { ca: s.ca.trim(), cert: s.cert.trim(), key: s.key.trim() };
  const plain = !pems.ca && !pems.cert && !pems.key && !s.servername.trim() && s.verify;
  if (plain) return true;
  return {
    ...(pems.ca && { ca: pems.ca }),
    ...(pems.cert && { cert: pems.cert }),
    ...(pems.key && { key: pems.key }),
    ...(s.servername.trim() && { servername: s.servername.trim() }),
    ...(!s.verify && { rejectUnauthorized: false }),
  };
}

/** Whether the TLS part was changed from what the saved connection has (pasted PEMs always are). */
function tlsChanged(s: FormState, c: ConnectionSummary): boolean {
  return (
    s.tls !== c.tls ||
    (s.tls &&
      (!!s.ca.trim() || !!s.cert.trim() || !!s.key.trim() || !!s.servername.trim() || !s.verify))
  );
}

/** The body of POST /api/connections for a new connection. */
export function createBody(s: FormState): ConnectionInput {
  const common = {
    name: s.name,
    // A cluster has database 0 only: the server counts it as one.
    ...(s.mode !== "cluster" && { databases: num(s.databases) }),
    readOnly: s.readOnly,
    production: s.production,
    ...(s.color && { color: s.color }),
  };
  if (s.mode === "standalone" && s.how === "url") return { ...common, url: s.url.trim() };
  return {
    ...common,
    // Cluster and sentinel: the seeds or sentinels say where; the fields carry credentials.
    ...(s.mode === "standalone" ? { host: s.host, port: num(s.port) } : topologyCreate(s)),
    ...(s.username && { username: s.username }),
    ...(s.password && { password: s.password }),
    tls: tlsValue(s),
  };
}

/** The body of PUT /api/connections/{id}: only what changed, so the rest stays as saved. */
export function patchBody(s: FormState, c: ConnectionSummary): ConnectionPatch {
  const p: ConnectionPatch = {};
  if (s.name !== c.name) p.name = s.name;
  if (s.mode !== "cluster" && num(s.databases) !== c.databases) p.databases = num(s.databases);
  if (s.readOnly !== c.readOnly) p.readOnly = s.readOnly;
  if (s.production !== c.production) p.production = s.production;
  if (s.color !== (c.color ?? null)) p.color = s.color;
  Object.assign(p, topologyPatch(s, c));
  if (s.mode === "standalone" && s.how === "url") {
    p.url = s.url.trim();
    return p;
  }
  if (s.mode === "standalone") {
    // Back from a cluster or sentinel, host and port are the first seed's: send them whole.
    if (s.host !== c.host || c.mode !== "standalone") p.host = s.host;
    if (num(s.port) !== c.port || c.mode !== "standalone") p.port = num(s.port);
  }
  if (s.username !== (c.username ?? "")) p.username = s.username;
  const password = passwordChange(s.passwordMode, s.password);
  if (password !== undefined) p.password = password;
  if (tlsChanged(s, c)) p.tls = tlsValue(s);
  return p;
}

/** What "Test" sends: a new connection whole, a saved one by id with the form's changes on top. */
export function testBody(s: FormState, c?: ConnectionSummary): ConnectionTestInput {
  if (!c) {
    const { name, ...rest } = createBody(s);
    return name.trim() ? { name, ...rest } : rest;
  }
  return { id: c.id, ...patchBody(s, c) };
}

// Paths of the API's schemas that are not named like the form's fields.
const PATH_TO_FIELD: Record<string, Field> = {
  "tls.ca": "ca",
  "tls.cert": "cert",
  "tls.key": "key",
  "tls.servername": "servername",
  "tls.rejectUnauthorized": "verify",
};

function fieldOf(path: string, s: FormState): keyof FieldErrors {
  if (path in PATH_TO_FIELD) return PATH_TO_FIELD[path] as Field;
  const row = rowKeyOf(path, s);
  if (row) return row;
  const top = path.split(".")[0] ?? "";
  return top in s ? (top as Field) : "form";
}

/** The schema's issues on the fields (and rows) they are about; `s` names the NAT rows. */
export function errorsFromZod(error: ZodError, s: FormState): FieldErrors {
  const out: FieldErrors = {};
  for (const i of error.issues) {
    const f = fieldOf(i.path.map(String).join("."), s);
    out[f] ??= i.message;
  }
  return out;
}

/** The server's BAD_REQUEST message is "<path>: <what is wrong>" (lib/api/errors.ts describeZod). */
export function errorsFromMessage(message: string, s: FormState = initialState()): FieldErrors {
  const m = /^([A-Za-z][\w.:[\]-]*): (.+)$/s.exec(message);
  if (!m) return { form: message };
  const f = fieldOf(m[1] as string, s);
  return f === "form" ? { form: message } : { [f]: m[2] };
}

/** Checks a body with the API's schema first, so most mistakes never leave the browser. */
export function checkBody(
  s: FormState,
  c?: ConnectionSummary,
): { body: ConnectionInput | ConnectionPatch; errors: null } | { body: null; errors: FieldErrors } {
  const body = c ? patchBody(s, c) : createBody(s);
  const parsed = (c ? connectionPatch : connectionInput).safeParse(body);
  return parsed.success
    ? { body, errors: null }
    : { body: null, errors: errorsFromZod(parsed.error, s) };
}
