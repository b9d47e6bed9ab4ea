import "server-only";
import type { Redis } from "ioredis";
import { processState } from "@/lib/process-state";
import type { CommandArgument, CommandDoc } from "@/lib/schemas/cli";
import { firstServerNode, targetFor } from "./target";

// What the server says about its commands: COMMAND (flags, ACL categories, arity, subcommands)
// for the console's policy (lib/redis/cli-policy.ts), COMMAND DOCS (7.0+) for completion and
// help. Read once per connection and kept: a server's command table only changes with a module
// load or a restart. A failed read is not kept, so the next request asks again.

export type CommandSpec = {
  /** Lower case; a subcommand is "container|sub", as COMMAND names it. */
  name: string;
  arity: number;
  flags: ReadonlySet<string>;
  /** ACL categories with their "@": "@write", "@dangerous"… */
  categories: ReadonlySet<string>;
  subcommands: ReadonlyMap<string, CommandSpec>;
};

export type Catalog = ReadonlyMap<string, CommandSpec>;

const catalogs = processState("commandCatalogs", () => new Map<string, Promise<Catalog>>());
const docLists = processState("commandDocs", () => new Map<string, Promise<CommandDoc[]>>());

function cached<T>(map: Map<string, Promise<T>>, connId: string, load: () => Promise<T>) {
  let found = map.get(connId);
  if (!found) {
    found = load();
    map.set(connId, found);
    found.catch(() => map.delete(connId));
  }
  return found;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function specOf(entry: unknown[]): CommandSpec {
  const subs = new Map<string, CommandSpec>();
  for (const sub of (entry[9] as unknown[][] | undefined) ?? []) {
    const spec = specOf(sub);
    subs.set(spec.name.split("|")[1] ?? spec.name, spec);
  }
  return {
    name: String(entry[0]).toLowerCase(),
    arity: Number(entry[1]),
    flags: new Set(strings(entry[2]).map((f) => f.toLowerCase())),
    categories: new Set(strings(entry[6]).map((c) => c.toLowerCase())),
    subcommands: subs,
  };
}

async function serverNode(connId: string): Promise<Redis> {
  return firstServerNode(targetFor(connId, 0));
}

export function commandCatalog(connId: string): Promise<Catalog> {
  return cached(catalogs, connId, async () => {
    const reply = (await (await serverNode(connId)).call("COMMAND")) as unknown[][];
    return new Map(reply.map((entry) => [String(entry[0]).toLowerCase(), specOf(entry)]));
  });
}

/** COMMAND DOCS' flat [name, value, …] maps as objects. */
function flatMap(v: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!Array.isArray(v)) return out;
  for (let i = 0; i + 1 < v.length; i += 2) out.set(String(v[i]), v[i + 1]);
  return out;
}

function argumentOf(raw: unknown): CommandArgument {
  const m = flatMap(raw);
  const flags = strings(m.get("flags"));
  const nested = m.get("arguments");
  return {
    name: String(m.get("name") ?? ""),
    type: String(m.get("type") ?? ""),
    ...(m.has("token") && { token: String(m.get("token")) }),
    ...(flags.includes("optional") && { optional: true }),
    ...(flags.includes("multiple") && { multiple: true }),
    ...(Array.isArray(nested) && { arguments: nested.map(argumentOf) }),
  };
}

function docsOf(name: string, raw: unknown, spec: CommandSpec | undefined, out: CommandDoc[]) {
  const m = flatMap(raw);
  const args = m.get("arguments");
  out.push({
    name: name.replace("|", " ").toUpperCase(),
    summary: String(m.get("summary") ?? ""),
    since: String(m.get("since") ?? ""),
    group: String(m.get("group") ?? ""),
    complexity: String(m.get("complexity") ?? ""),
    arity: spec?.arity ?? 0,
    flags: [...(spec?.flags ?? [])],
    arguments: Array.isArray(args) ? args.map(argumentOf) : [],
  });
  const subs = flatMap(m.get("subcommands"));
  for (const [sub, subRaw] of subs) {
    const subName = sub.toLowerCase();
    docsOf(subName, subRaw, spec?.subcommands.get(subName.split("|")[1] ?? subName), out);
  }
}

/** Every command with its help; a server without COMMAND DOCS (< 7.0) gives COMMAND's only. */
export function commandDocs(connId: string): Promise<CommandDoc[]> {
  return cached(docLists, connId, async () => {
    const catalog = await commandCatalog(connId);
    let docs: Map<string, unknown> = new Map();
    try {
      docs = flatMap(await (await serverNode(connId)).call("COMMAND", "DOCS"));
    } catch (e) {
      if ((e as Error).name !== "ReplyError") throw e; // older servers: "unknown subcommand"
    }
    const out: CommandDoc[] = [];
    for (const [name, spec] of catalog) docsOf(name, docs.get(name) ?? [], spec, out);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });
}
