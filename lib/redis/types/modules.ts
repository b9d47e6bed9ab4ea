import "server-only";
import type { Redis } from "ioredis";
import type { RedisType } from "@/lib/redis-types";
import type { EditBody } from "@/lib/schemas/edits";
import { hashType } from "./hash";
import { jsonType } from "./json";
import { listType } from "./list";
import type { Plan, TypeModule } from "./module";
import { setType } from "./set";
import { streamType } from "./stream";
import { stringType } from "./string";
import { zsetType } from "./zset";

/** The server module of every type in lib/redis-types.ts (a missing one fails the typecheck). */
export const TYPE_MODULES = {
  string: stringType,
  hash: hashType,
  list: listType,
  set: setType,
  zset: zsetType,
  stream: streamType,
  "ReJSON-RL": jsonType,
} satisfies { [T in RedisType]: Pick<TypeModule<T>, "read" | "create"> };

type Modules = typeof TYPE_MODULES;
type CoveredOp = { [T in keyof Modules]: keyof Modules[T]["edits"] }[keyof Modules];
// Every edit operation of the schema has a planner in some module, and no module plans an
// operation the schema does not have.
const _everyOpPlanned: [EditBody["op"]] extends [CoveredOp]
  ? [CoveredOp] extends [EditBody["op"]]
    ? true
    : never
  : never = true;
void _everyOpPlanned;

export type EditPlanner = {
  type: RedisType;
  plan: (key: Buffer, edit: EditBody, client: Redis) => Plan | Promise<Plan>;
};

/** Which type each edit operation belongs to, and how it is planned. */
export const EDIT_PLANNERS: ReadonlyMap<string, EditPlanner> = new Map(
  Object.entries(TYPE_MODULES).flatMap(([type, m]) =>
    Object.entries(m.edits).map(([op, plan]) => [
      op,
      { type: type as RedisType, plan: plan as EditPlanner["plan"] },
    ]),
  ),
);
