import "server-only";
import { parse as parseYaml } from "yaml";
import { joinAddr } from "@/lib/connection-modes";
import { ApiError } from "@/lib/errors";
import { CONNECTION_COLORS, type ConnectionInput } from "@/lib/schemas/connections";

// Connection files of other tools, read into POST /api/connections bodies with one alias table
// (after RedisInsight's own, database-import.service.ts, which already covers ARDM, RESP.app and
// others: wave2.md E.1), plus Tiny RDM's snake_case names and Keyscope's own export.
//  - RedisInsight: a JSON array (or the base64 of one); `tls`, `caCert.certificate`, `clientCert`.
//  - Another Redis Desktop Manager: connections.ano, the base64 of a JSON array; `auth`,
//    `connectionReadOnly`, `sslOptions` (file paths on the exporting machine).
//  - Tiny RDM: its connections.yaml (read with the `yaml` package, aliases capped so a "billion
//    laughs" file cannot expand), or the same entries as JSON: `addr`, `ssl.enable`, groups as
//    `{type: "group", connections: [...]}`.

export type Format = "keyscope" | "redisinsight" | "ardm" | "tinyrdm" | "generic";

/** Our field ← the paths other tools use for it, first match wins. */
const ALIASES = {
  url: ["url", "uri"],
  name: ["name", "connectionName"],
  host: ["host", "addr"],
  port: ["port"],
  username: ["username", "user"],
  password: ["password", "auth"],
  tlsOn: ["tls", "ssl.enable", "ssl"],
  tlsServername: ["tls.servername", "tlsServername", "sslOptions.servername", "ssl.sni"],
  tlsCa: [
    "tls.ca",
    "caCert.certificate",
    "caCert",
    "sslOptions.ca",
    "ssl_ca_cert_path",
    "ssl.ca_file",
  ],
  tlsCert: [
    "tls.cert",
    "clientCert.certificate",
    "certificate",
    "sslOptions.cert",
    "ssl_local_cert_path",
    "ssl.cert_file",
  ],
  tlsKey: [
    "tls.key",
    "clientCert.key",
    "keyFile",
    "sslOptions.key",
    "ssl_private_key_path",
    "ssl.key_file",
  ],
  tlsVerify: ["tls.rejectUnauthorized", "verifyServerCert"],
  tlsInsecure: ["ssl.allow_insecure"],
  databases: ["databases"],
  readOnly: ["readOnly", "connectionReadOnly"],
  production: ["production"],
  color: ["color", "mark_color"],
  cluster: ["cluster.enable", "cluster", "isCluster"],
  sentinel: [
    "masterName",
    "sentinelMaster.name",
    "sentinelOptions.masterName",
    "sentinelOptions.name",
    "sentinel.master",
  ],
  // Tiny RDM keeps a master name even when Sentinel is off: only its `enable` counts.
  sentinelOn: ["sentinel.enable"],
  // The master's (data nodes') password where the entry's own password is the sentinels'
  // (RedisInsight's sentinelMaster, ARDM's sentinelOptions.nodePassword).
  masterUsername: ["sentinelMaster.username"],
  masterPassword: ["sentinelMaster.password", "sentinelOptions.nodePassword"],
  // Tiny RDM: the sentinels' own credentials beside the node's top-level ones.
  sentinelUsername: ["sentinelUsername", "sentinel.username"],
  sentinelPassword: ["sentinelPassword", "sentinel.password"],
  type: ["connectionType", "type"],
  ssh: ["sshOptions.host", "ssh_host", "sshHost", "ssh.addr"],
  sshOn: ["ssh.enable", "ssh"],
} as const satisfies Record<string, readonly string[]>;

type Field = keyof typeof ALIASES;
type Entry = Record<string, unknown>;

function at(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const part of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Entry)[part];
  }
  return v;
}

function pick(e: Entry, f: Field, want: "string" | "number" | "boolean"): unknown {
  for (const path of ALIASES[f]) {
    const v = at(e, path);
    if (v === undefined || v === null || v === "") continue;
    if (want === "number" && typeof v === "string" && /^\d{1,6}$/.test(v)) return Number(v);
    if (want === "boolean" && (v === "true" || v === "false")) return v === "true";
    if (typeof v === want) return v;
  }
  return undefined;
}
const str = (e: Entry, f: Field) => pick(e, f, "string") as string | undefined;
const num = (e: Entry, f: Field) => pick(e, f, "number") as number | undefined;
const bool = (e: Entry, f: Field) => pick(e, f, "boolean") as boolean | undefined;

const isPem = (t: string) => /-----BEGIN [A-Z0-9 ]+-----/.test(t);

/** A body for POST /api/connections from one entry of any of the formats, or why not. */
export function toInput(e: Entry): ConnectionInput | { error: string } {
  if (str(e, "ssh") || bool(e, "sshOn") === true)
    return { error: "SSH tunnels are not supported; connect Keyscope to Redis directly." };
  const pem: Record<"ca" | "cert" | "key", string | undefined> = {
    ca: str(e, "tlsCa"),
    cert: str(e, "tlsCert"),
    key: str(e, "tlsKey"),
  };
  for (const [k, v] of Object.entries(pem))
    if (v !== undefined && !isPem(v))
      return {
        error: `TLS ${k}: "${v.slice(0, 80)}" is a file on the exporting machine, not PEM text; add the connection here and paste the certificate.`,
      };
  const url = str(e, "url");
  const host = url ? undefined : str(e, "host");
  // A port given as something other than a number is an error, not the default port.
  const givenPort = ALIASES.port.some(
    (path) => ![undefined, null, ""].includes(at(e, path) as never),
  );
  if (!url && givenPort && num(e, "port") === undefined)
    return { error: "The port is not a number; this entry was not imported." };
  const port = url ? undefined : (num(e, "port") ?? 6379);
  const verify = bool(e, "tlsVerify") ?? (bool(e, "tlsInsecure") === true ? false : undefined);
  const servername = str(e, "tlsServername");
  const tlsDetail = pem.ca || pem.cert || pem.key || servername || verify === false;
  const tlsOn =
    bool(e, "tlsOn") === true || (url?.startsWith("rediss:") ?? false) || Boolean(tlsDetail);
  const color = str(e, "color");
  const input: ConnectionInput = {
    name: (str(e, "name") ?? (host ? `${host}:${port}` : "imported")).slice(0, 200),
    ...(url ? { url } : { host: host ?? "", port }),
    ...(str(e, "username") !== undefined && { username: str(e, "username") }),
    ...(str(e, "password") !== undefined && { password: str(e, "password") }),
    ...(tlsOn && {
      tls: tlsDetail
        ? {
            ...(pem.ca && { ca: pem.ca }),
            ...(pem.cert && { cert: pem.cert }),
            ...(pem.key && { key: pem.key }),
            ...(servername && { servername }),
            ...(verify !== undefined && { rejectUnauthorized: verify }),
          }
        : true,
    }),
    ...(num(e, "databases") !== undefined && { databases: num(e, "databases") }),
    ...(bool(e, "readOnly") !== undefined && { readOnly: bool(e, "readOnly") }),
    ...(bool(e, "production") !== undefined && { production: bool(e, "production") }),
    // Only our palette's names; Tiny RDM's hex colours have no faithful match, so none.
    ...(color &&
      (CONNECTION_COLORS as readonly string[]).includes(color) && {
        color: color as ConnectionInput["color"],
      }),
  };
  return withMode(e, input);
}

/** Keyscope's own lists of nodes or sentinels, or the one host:port the other tools give. */
function addrs(e: Entry, field: "nodes" | "sentinels", input: ConnectionInput): string[] {
  const own = e[field];
  if (Array.isArray(own)) {
    const list = own.flatMap((n) =>
      typeof n === "string"
        ? [n]
        : isEntry(n) && typeof n.host === "string"
          ? [joinAddr(n.host, Number(n.port ?? 6379))]
          : [],
    );
    if (list.length) return list;
  }
  if (input.url) return [input.url];
  return [`${input.host}:${input.port ?? 6379}`];
}

/**
 * A cluster entry: its node (or Keyscope's node list) becomes the seeds. A sentinel entry: its
 * host is a sentinel; RedisInsight and ARDM keep the master's password apart and the entry's
 * own as the sentinels', Tiny RDM the other way round (its `sentinel.password`).
 */
function withMode(e: Entry, input: ConnectionInput): ConnectionInput {
  const type = str(e, "type")?.toLowerCase();
  const natMap = isEntry(e.natMap) ? { natMap: e.natMap as Record<string, string> } : {};
  if (bool(e, "cluster") === true || type === "cluster" || e.mode === "cluster") {
    const { url: _, host: __, port: ___, ...rest } = input;
    return { ...rest, mode: "cluster", nodes: addrs(e, "nodes", input), ...natMap };
  }
  const masterName = str(e, "sentinel");
  const on = bool(e, "sentinelOn");
  if (on === false || !(masterName || on || type === "sentinel" || e.mode === "sentinel"))
    return input;
  const { url: _, host: __, port: ___, username, password, ...rest } = input;
  const masterPassword = str(e, "masterPassword");
  const ownAreSentinels = masterPassword !== undefined || str(e, "masterUsername") !== undefined;
  const sentinelUsername = ownAreSentinels ? username : str(e, "sentinelUsername");
  const sentinelPassword = ownAreSentinels ? password : str(e, "sentinelPassword");
  const nodeUsername = ownAreSentinels ? str(e, "masterUsername") : username;
  const nodePassword = ownAreSentinels ? masterPassword : password;
  return {
    ...rest,
    mode: "sentinel",
    sentinels: addrs(e, "sentinels", input),
    masterName: masterName ?? "mymaster",
    ...(nodeUsername !== undefined && { username: nodeUsername }),
    ...(nodePassword !== undefined && { password: nodePassword }),
    ...(sentinelUsername !== undefined && { sentinelUsername }),
    ...(sentinelPassword !== undefined && { sentinelPassword }),
    ...natMap,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON, or base64 of JSON (RedisInsight's alternative, ARDM's only form). */
function parseContent(content: string): { data: unknown; base64: boolean } {
  const text = content.replace(/^\uFEFF/, "").trim();
  const direct = parseJson(text);
  if (direct !== undefined) return { data: direct, base64: false };
  if (/^[A-Za-z0-9+/=\s_-]+$/.test(text)) {
    const decoded = Buffer.from(text, "base64").toString("utf8");
    const data = parseJson(decoded) ?? parseJson(safeDecodeUri(decoded));
    if (data !== undefined) return { data, base64: true };
  }
  if (/^(-\s+)?[A-Za-z_]+:/m.test(text)) return { data: parseYamlFile(text), base64: false };
  throw new ApiError(
    "BAD_REQUEST",
    "The file is neither JSON, base64 of JSON nor YAML (Keyscope, RedisInsight, ARDM or Tiny RDM exports).",
  );
}

/** Tiny RDM's connections.yaml; a file that does not parse is 400 with the parser's reason. */
function parseYamlFile(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    throw new ApiError(
      "BAD_REQUEST",
      `Not a connections file: the YAML does not parse (${(e as Error).message.split("\n")[0]}).`,
    );
  }
}

function safeDecodeUri(t: string): string {
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

const isEntry = (v: unknown): v is Entry =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Tiny RDM groups hold their connections; everything else is flat. */
function flatten(list: unknown[]): Entry[] {
  const out: Entry[] = [];
  for (const item of list) {
    if (!isEntry(item)) continue;
    if (item.type === "group" && Array.isArray(item.connections))
      out.push(...flatten(item.connections));
    else out.push(item);
  }
  return out;
}

function formatOf(first: Entry | undefined, base64: boolean): Format {
  if (!first) return "generic";
  if ("addr" in first || "last_db" in first || "key_separator" in first) return "tinyrdm";
  if (
    "connectionReadOnly" in first ||
    "auth" in first ||
    "sslOptions" in first ||
    "separator" in first
  )
    return "ardm";
  if (
    "connectionType" in first ||
    "provider" in first ||
    "caCert" in first ||
    "tlsServername" in first
  )
    return "redisinsight";
  return base64 ? "ardm" : "generic";
}

/** The entries of a connections file and the format they are in; 400 for a file that is none. */
export function readConnectionsFile(content: string): { format: Format; entries: Entry[] } {
  const { data, base64 } = parseContent(content);
  if (isEntry(data) && data.format === "keyscope-connections") {
    if (!Array.isArray(data.connections))
      throw new ApiError("BAD_REQUEST", "The Keyscope connections file has no connections list.");
    return { format: "keyscope", entries: flatten(data.connections) };
  }
  const list = Array.isArray(data)
    ? data
    : isEntry(data) && Array.isArray(data.connections)
      ? data.connections
      : null;
  if (!list) throw new ApiError("BAD_REQUEST", "The file holds no list of connections.");
  const entries = flatten(list);
  if (entries.length === 0) throw new ApiError("BAD_REQUEST", "The file holds no connections.");
  return { format: formatOf(entries[0], base64), entries };
}
