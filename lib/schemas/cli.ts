import { z } from "zod";
import { jsonBytes } from "./bytes";
import { nodeAddr } from "./cluster";

// The console (POST …/cli) and the command catalog (GET …/commands), docs/api.md "Debugging
// tools". A Reply keeps the wire's type, as redis-cli shows it: status `+OK` apart from the bulk
// string "OK", an error reply as a value (a 200), integers beyond 2^53 as their digits.

export const REPLY_TYPES = [
  "status",
  "string",
  "integer",
  "double",
  "nil",
  "array",
  "map",
  "error",
  "bool",
] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

/** A reply as the server builds it (bytes as Buffers/Uint8Arrays). */
export type Reply =
  | { type: "status" | "string" | "error"; value: Uint8Array }
  | { type: "integer" | "double"; value: number | string }
  | { type: "nil"; value: null }
  | { type: "bool"; value: boolean }
  | { type: "array"; value: Reply[] }
  | { type: "map"; value: [Reply, Reply][] };

type JsonBytesIn = z.input<typeof jsonBytes>;
/** A reply as it travels (bytes in their JSON form: a string, or {"b64"}). */
export type ReplyJson =
  | { type: "status" | "string" | "error"; value: JsonBytesIn }
  | { type: "integer" | "double"; value: number | string }
  | { type: "nil"; value: null }
  | { type: "bool"; value: boolean }
  | { type: "array"; value: ReplyJson[] }
  | { type: "map"; value: [ReplyJson, ReplyJson][] };

export const reply: z.ZodType<Reply, ReplyJson> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.enum(["status", "string", "error"]), value: jsonBytes }),
    z.object({ type: z.enum(["integer", "double"]), value: z.union([z.number(), z.string()]) }),
    z.object({ type: z.literal("nil"), value: z.null() }),
    z.object({ type: z.literal("bool"), value: z.boolean() }),
    z.object({ type: z.literal("array"), value: z.array(reply) }),
    z.object({ type: z.literal("map"), value: z.array(z.tuple([reply, reply])) }),
  ]),
) as unknown as z.ZodType<Reply, ReplyJson>;

/** Elements (every level counts) and string bytes a reply may hold before it is cut. */
export const DEFAULT_LIMIT = 1000;
export const DEFAULT_LIMIT_BYTES = 1024 * 1024;
// Ceilings for "show more": 100k elements and 16 MiB keep one answer's JSON within what a
// browser tab renders without stalling (measured: 100k lines of text ~300 ms in Chromium).
export const MAX_LIMIT = 100_000;
export const MAX_LIMIT_BYTES = 16 * 1024 * 1024;

export const cliBody = z
  .strictObject({
    args: z.array(jsonBytes).min(1).optional(),
    line: z.string().optional(),
    confirm: z.string().max(64).optional(),
    // A cluster node (host:port) for node commands (INFO, CONFIG, SLOWLOG…); key commands are
    // routed by the slot of their keys without it.
    node: nodeAddr.optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    limitBytes: z.number().int().min(1).max(MAX_LIMIT_BYTES).default(DEFAULT_LIMIT_BYTES),
  })
  .refine((b) => (b.args === undefined) !== (b.line === undefined), {
    message: "give exactly one of args or line",
    path: ["args"],
  });
export type CliBody = z.output<typeof cliBody>;

export const cliResult = z.object({
  reply,
  durationMs: z.number(),
  truncated: z.literal(true).optional(),
  /** The cluster node (host:port) that answered; absent on a standalone or Sentinel connection. */
  node: z.string().optional(),
});
export type CliResultJson = z.input<typeof cliResult>;

/** One argument of a command, from COMMAND DOCS (nested for blocks and one-ofs). */
export type CommandArgument = {
  name: string;
  type: string;
  token?: string;
  optional?: boolean;
  multiple?: boolean;
  arguments?: CommandArgument[];
};
export const commandArgument: z.ZodType<CommandArgument, CommandArgument> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.string(),
    token: z.string().optional(),
    optional: z.boolean().optional(),
    multiple: z.boolean().optional(),
    arguments: z.array(commandArgument).optional(),
  }),
);

export const commandDoc = z.object({
  /** Upper case; a subcommand with its container: "CONFIG SET". */
  name: z.string(),
  summary: z.string(),
  since: z.string(),
  group: z.string(),
  complexity: z.string(),
  arity: z.number(),
  flags: z.array(z.string()),
  arguments: z.array(commandArgument),
});
export type CommandDoc = z.infer<typeof commandDoc>;
export const commandList = z.object({ commands: z.array(commandDoc) });
