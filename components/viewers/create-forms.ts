import type { CreatableType } from "@/lib/redis-types";
import { hashCreate } from "./hash/create";
import { listCreate } from "./list/create";
import { setCreate } from "./set/create";
import type { CreateForm } from "./shared/create-form";
import { streamCreate } from "./stream/create";
import { stringCreate } from "./string/create";
import { zsetCreate } from "./zset/create";

/** The "New key" form part of every creatable type (a missing one fails the typecheck). */
export const CREATE_FORMS: { [T in CreatableType]: CreateForm<T> } = {
  string: stringCreate,
  hash: hashCreate,
  list: listCreate,
  set: setCreate,
  zset: zsetCreate,
  stream: streamCreate,
};
