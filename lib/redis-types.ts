// The Redis types Keyscope knows, once. Client-safe: the browser reads labels, badges and units
// from here, the server its length commands. Adding a type starts with an entry here (the
// recipe is in docs/architecture.md, "Add a Redis type").

export type BadgeTone = "gray" | "blue" | "green" | "amber" | "violet" | "rose" | "teal" | "red";

type TypeEntry = {
  /** The name TYPE answers (and SCAN TYPE takes). */
  readonly name: string;
  /** Short text on the type badge (at most 5 characters fit). */
  readonly badge: string;
  readonly tone: BadgeTone;
  /** What `length` counts, singular and plural; null when the type has no length. */
  readonly unit: readonly [one: string, many: string] | null;
  /** The O(1) command that measures the length (key info); null for module types. */
  readonly lengthCommand: string | null;
  /** Whether "New key" and POST …/keys can create one. */
  readonly creatable: boolean;
};

export const REDIS_TYPES = [
  {
    name: "string",
    badge: "str",
    tone: "blue",
    unit: ["byte", "bytes"],
    lengthCommand: "STRLEN",
    creatable: true,
  },
  {
    name: "hash",
    badge: "hash",
    tone: "green",
    unit: ["field", "fields"],
    lengthCommand: "HLEN",
    creatable: true,
  },
  {
    name: "list",
    badge: "list",
    tone: "amber",
    unit: ["item", "items"],
    lengthCommand: "LLEN",
    creatable: true,
  },
  {
    name: "set",
    badge: "set",
    tone: "violet",
    unit: ["member", "members"],
    lengthCommand: "SCARD",
    creatable: true,
  },
  {
    name: "zset",
    badge: "zset",
    tone: "rose",
    unit: ["member", "members"],
    lengthCommand: "ZCARD",
    creatable: true,
  },
  {
    name: "stream",
    badge: "strm",
    tone: "teal",
    unit: ["entry", "entries"],
    lengthCommand: "XLEN",
    creatable: true,
  },
  // A module type (RedisJSON): shown by the module viewer, never created here.
  {
    name: "ReJSON-RL",
    badge: "json",
    tone: "gray",
    unit: null,
    lengthCommand: null,
    creatable: false,
  },
] as const satisfies readonly TypeEntry[];

type Entry = (typeof REDIS_TYPES)[number];
/** Every type with an entry above. TYPE may still answer others (unknown module types). */
export type RedisType = Entry["name"];
export type CreatableType = Extract<Entry, { creatable: true }>["name"];

/** Type names for the SCAN TYPE filters (key browser, bulk jobs). */
export const TYPE_NAMES: readonly RedisType[] = REDIS_TYPES.map((t) => t.name);
export const CREATABLE_TYPES = REDIS_TYPES.filter((t) => t.creatable).map(
  (t) => t.name,
) as CreatableType[];

const BY_NAME = new Map<string, TypeEntry>(REDIS_TYPES.map((t) => [t.name, t]));

/** The entry for a name TYPE answered, or undefined for a type not listed (an unknown module). */
export function typeEntry(name: string): TypeEntry | undefined {
  return BY_NAME.get(name);
}

export function isRedisType(name: string): name is RedisType {
  return BY_NAME.has(name);
}
