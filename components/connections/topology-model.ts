// The cluster and sentinel part of the connection form's state and bodies (form-model.ts holds
// the rest). Pure functions: the rows as typed become the API's `nodes`, `sentinels`, `natMap`,
// and an issue at "nodes.2" or "natMap.<announced addr>" lands on the row it is about.
import type { ConnectionMode } from "@/lib/connection-modes";
import type { ConnectionPatch, ConnectionSummary } from "@/lib/schemas/connections";

export type PasswordMode = "keep" | "replace" | "remove";

/** One NAT mapping as typed: the address a node announces → one Keyscope can reach. */
export type NatRow = { from: string; to: string };

export type TopologyState = {
  mode: ConnectionMode;
  /** Cluster: seed nodes, one "host:port" per row (at least one row). */
  nodes: string[];
  /** Sentinel: the sentinels, one "host:port" per row, and the master they watch. */
  sentinels: string[];
  masterName: string;
  sentinelUsername: string;
  sentinelPassword: string;
  /** Like the data nodes' password: a stored one is kept unless replaced or removed. */
  sentinelPasswordMode: PasswordMode;
  natMap: NatRow[];
  /**
   * The list never sends the stored map back (only how many entries it has), so an edit
   * replaces it only once the rows were touched; untouched, the stored map stays.
   */
  natMapChanged: boolean;
};

/** The lists whose issues name a row ("nodes.0"), so the error shows beside that row. */
const ROW_LISTS = ["nodes", "sentinels", "natMap"] as const;
type RowList = (typeof ROW_LISTS)[number];
export type RowKey = `${RowList}.${number}`;

export function initialTopology(c?: ConnectionSummary): TopologyState {
  return {
    mode: c?.mode ?? "standalone",
    nodes: c?.seeds?.length ? [...c.seeds] : [""],
    sentinels: c?.sentinels?.length ? [...c.sentinels] : [""],
    masterName: c?.masterName ?? "",
    sentinelUsername: c?.sentinelUsername ?? "",
    sentinelPassword: "",
    sentinelPasswordMode: c?.hasSentinelPassword ? "keep" : "replace",
    natMap: [],
    natMapChanged: false,
  };
}

// Rows are sent as typed (trimmed), blank ones too: dropping them would shift the indices the
// schema's issues name, and a blank row is then an error beside it rather than a silent skip.
const rows = (list: string[]) => list.map((r) => r.trim());

/** The NAT rows as the API's map; rows left wholly blank are skipped (an empty row to fill in). */
function natMapOf(list: NatRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of list) if (r.from.trim() || r.to.trim()) out[r.from.trim()] = r.to.trim();
  return out;
}

/** The mode fields of a new connection's body (nothing for standalone). */
export function topologyCreate(s: TopologyState): Partial<ConnectionPatch> {
  const nat = natMapOf(s.natMap);
  const natMap = Object.keys(nat).length ? { natMap: nat } : {};
  if (s.mode === "cluster") return { mode: "cluster", nodes: rows(s.nodes), ...natMap };
  if (s.mode === "sentinel")
    return {
      mode: "sentinel",
      sentinels: rows(s.sentinels),
      masterName: s.masterName,
      ...(s.sentinelUsername && { sentinelUsername: s.sentinelUsername }),
      ...(s.sentinelPassword && { sentinelPassword: s.sentinelPassword }),
      ...natMap,
    };
  return {};
}

const same = (a: string[], b: string[] | undefined) =>
  a.length === (b?.length ?? -1) && a.every((x, i) => x === b?.[i]);

/**
 * What a password field sends on an edit: "" removes the stored one, a typed one replaces it;
 * "replace" with nothing typed keeps it (removing is its own button), as does "keep".
 */
export function passwordChange(mode: PasswordMode, typed: string): string | undefined {
  if (mode === "remove") return "";
  if (mode === "replace" && typed) return typed;
  return undefined;
}

/** The mode fields of an edit: only what changed; a new mode sends its fields whole. */
export function topologyPatch(s: TopologyState, c: ConnectionSummary): Partial<ConnectionPatch> {
  // Standalone drops every mode field on the server; cluster ↔ sentinel keeps the stored map
  // unless the rows were touched (lib/connections/settings.ts applyMode).
  const p: Partial<ConnectionPatch> =
    s.mode !== c.mode ? { mode: s.mode, ...topologyCreate(s) } : sameModeChanges(s, c);
  // Touched rows replace the stored map, an empty one ({}) included.
  if (s.mode !== "standalone" && s.natMapChanged) p.natMap = natMapOf(s.natMap);
  return p;
}

/** The mode fields that changed while the mode stayed (the NAT map aside). */
function sameModeChanges(s: TopologyState, c: ConnectionSummary): Partial<ConnectionPatch> {
  const p: Partial<ConnectionPatch> = {};
  if (s.mode === "cluster" && !same(rows(s.nodes), c.seeds)) p.nodes = rows(s.nodes);
  if (s.mode === "sentinel") {
    if (!same(rows(s.sentinels), c.sentinels)) p.sentinels = rows(s.sentinels);
    if (s.masterName !== (c.masterName ?? "")) p.masterName = s.masterName;
    if (s.sentinelUsername !== (c.sentinelUsername ?? "")) p.sentinelUsername = s.sentinelUsername;
    const password = passwordChange(s.sentinelPasswordMode, s.sentinelPassword);
    if (password !== undefined) p.sentinelPassword = password;
  }
  return p;
}

/**
 * Where an issue of the API's schema belongs: "nodes.1" stays a row key; "natMap.<addr>" (a
 * record's issues name the key) becomes the row that holds that announced address.
 */
export function rowKeyOf(path: string, s: TopologyState): RowKey | RowList | null {
  const [list, ...rest] = path.split(".");
  if (!(ROW_LISTS as readonly string[]).includes(list ?? "")) return null;
  const tail = rest.join(".");
  if (list === "natMap") {
    const i = s.natMap.findIndex((r) => r.from.trim() === tail);
    return i >= 0 ? `natMap.${i}` : "natMap";
  }
  return /^\d+$/.test(tail) ? (`${list}.${Number(tail)}` as RowKey) : (list as RowList);
}
