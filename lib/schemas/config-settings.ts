import { z } from "zod";

// The server settings Keyscope lets a person change (CONFIG SET), and what each accepts. Shared:
// the server refuses anything else with 400, the client only offers valid values.

export const EVICTION_POLICIES = [
  "noeviction",
  "allkeys-lru",
  "allkeys-lfu",
  "allkeys-random",
  "volatile-lru",
  "volatile-lfu",
  "volatile-random",
  "volatile-ttl",
] as const;

type SettingSpec =
  | { kind: "bytes"; label: string; help: string }
  | { kind: "int"; label: string; help: string; min: number; max: number }
  | { kind: "enum"; label: string; help: string; options: readonly string[] }
  | { kind: "bool"; label: string; help: string }
  | { kind: "flags"; label: string; help: string };

export const SETTINGS = {
  maxmemory: {
    kind: "bytes",
    label: "Max memory",
    help: "Memory limit for data, in bytes; 0 means no limit.",
  },
  "maxmemory-policy": {
    kind: "enum",
    label: "Eviction policy",
    help: "Which keys Redis evicts when it reaches max memory.",
    options: EVICTION_POLICIES,
  },
  "maxmemory-samples": {
    kind: "int",
    label: "Eviction samples",
    help: "Keys sampled per eviction: more is more precise and slower (default 5).",
    min: 1,
    max: 64,
  },
  "maxmemory-eviction-tenacity": {
    kind: "int",
    label: "Eviction tenacity",
    help: "How hard eviction works per command, 0–100 (default 10).",
    min: 0,
    max: 100,
  },
  "lazyfree-lazy-eviction": {
    kind: "bool",
    label: "Lazy free on eviction",
    help: "Free evicted values in a background thread.",
  },
  "lazyfree-lazy-expire": {
    kind: "bool",
    label: "Lazy free on expiry",
    help: "Free expired values in a background thread.",
  },
  "lazyfree-lazy-user-del": {
    kind: "bool",
    label: "DEL acts like UNLINK",
    help: "Free values deleted with DEL in a background thread.",
  },
  appendonly: {
    kind: "bool",
    label: "Append-only file",
    help: "Log every write to the AOF; turning it on starts a rewrite.",
  },
  appendfsync: {
    kind: "enum",
    label: "AOF fsync",
    help: "How often the AOF is flushed to disk.",
    options: ["always", "everysec", "no"],
  },
  // The debugging tools' settings (docs/tools.md).
  "slowlog-log-slower-than": {
    kind: "int",
    label: "Slowlog threshold (µs)",
    help: "Commands slower than this many microseconds are logged; 0 logs every command, -1 none.",
    min: -1,
    max: 1_000_000_000,
  },
  "slowlog-max-len": {
    kind: "int",
    label: "Slowlog length",
    help: "How many entries the slowlog keeps (the oldest go first).",
    min: 0,
    max: 1_000_000,
  },
  "latency-monitor-threshold": {
    kind: "int",
    label: "Latency threshold (ms)",
    help: "Events slower than this many milliseconds are recorded by the latency monitor; 0 turns it off.",
    min: 0,
    max: 1_000_000,
  },
  "notify-keyspace-events": {
    kind: "flags",
    label: "Keyspace notifications",
    help: 'Which keyspace events Redis publishes (e.g. "KEA" for all); empty turns them off.',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** Why `value` is not valid for the setting, or null when it is. */
export function settingValueError(name: SettingName, value: string): string | null {
  const spec: SettingSpec = SETTINGS[name];
  switch (spec.kind) {
    case "bytes":
      return /^\d{1,19}$/.test(value) ? null : `${name} must be a whole number of bytes`;
    case "int": {
      const n = Number(value);
      return /^-?\d{1,10}$/.test(value) && n >= spec.min && n <= spec.max
        ? null
        : `${name} must be a whole number from ${spec.min} to ${spec.max}`;
    }
    case "enum":
      return spec.options.includes(value)
        ? null
        : `${name} must be one of ${spec.options.join(", ")}`;
    case "bool":
      return value === "yes" || value === "no" ? null : `${name} must be "yes" or "no"`;
    case "flags":
      // Redis checks the letters themselves (they grow with versions: `n` in 7.0, more in 8).
      return /^[A-Za-z$]{0,32}$/.test(value) ? null : `${name} must be letters such as "KEA"`;
  }
}

export const settingName = z.enum(SETTING_NAMES as [SettingName, ...SettingName[]]);

export const configSettings = z.object({
  /** The settings this server reports; one it does not know (older versions) is left out. */
  settings: z.array(z.object({ name: settingName, value: z.string() })),
  /** False where CONFIG GET is refused (managed services): nothing can be edited. */
  available: z.boolean(),
  /** The file CONFIG REWRITE writes to, or null when the server runs without one. */
  configFile: z.string().nullable(),
  /** On a cluster: the node (host:port) these settings are of. */
  node: z.string().optional(),
});
export type ConfigSettings = z.infer<typeof configSettings>;

export const setConfigBody = z
  .strictObject({
    name: settingName,
    value: z.string().max(64),
    /** The value the person saw: if the server holds another now, 409 CONFLICT and no change. */
    expect: z.string().max(64).optional(),
  })
  .superRefine((b, ctx) => {
    const error = settingValueError(b.name, b.value);
    if (error) ctx.addIssue({ code: "custom", message: error, path: ["value"] });
  });

export const setConfigResult = z.object({
  name: settingName,
  old: z.string(),
  value: z.string(),
  /** What the change does to memory (lib/memory-warnings.ts); applied all the same. */
  warnings: z.array(z.string()).optional(),
  /** Cluster: the masters changed (notify-keyspace-events without a node goes to all of them). */
  nodes: z.array(z.string()).optional(),
});
export const rewriteResult = z.object({ rewritten: z.literal(true), configFile: z.string() });
