import "server-only";
import type { Redis } from "ioredis";
import type { RedisType } from "@/lib/redis-types";
import type { CreateBody, EditBody } from "@/lib/schemas/edits";
import type { KeyValue, ValueQuery } from "@/lib/schemas/values";
import type { Arg, Check } from "../guarded-write";

// What the server knows about one Redis type: how to read a page of it, how each of its edit
// operations checks and writes, and how to create one. One module per type (./<type>.ts),
// collected in ./modules.ts; lib/redis/values.ts and edits.ts only dispatch.

/** The key being read, the client that owns its slot, and where it lives. */
export type KeyContext = { connId: string; db: number; key: Buffer; client: Redis };

/** What one edit checks and writes; every edit is a single atomic guarded script. */
export type Plan = {
  check: Check | null;
  writes: Arg[][];
  /** Turns a reply that means failure into an error (e.g. no such consumer group → 404). */
  onReply?: (reply: unknown) => void;
};

type EditOp = EditBody["op"];
type Planner<Op extends EditOp> = (
  key: Buffer,
  edit: Extract<EditBody, { op: Op }>,
  client: Redis,
) => Plan | Promise<Plan>;

export type TypeModule<T extends RedisType, Op extends EditOp = never> = {
  read: (ctx: KeyContext, q: ValueQuery) => Promise<Extract<KeyValue, { type: T }>>;
  /** One planner per edit operation of this type (its schema: lib/schemas/types/<type>.ts). */
  edits: { [O in Op]: Planner<O> };
  /** The command that creates the key with its first contents; null when not creatable. */
  create: T extends CreateBody["type"]
    ? (key: Buffer, body: Extract<CreateBody, { type: T }>) => Arg[]
    : null;
};

/** An equality check of a read command's reply (the usual `expect`). */
export function equal(command: Arg[], want: Buffer): Check {
  return { command, mode: "equal", want };
}
