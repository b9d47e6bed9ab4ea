import type { CreateInput } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import type { CreatableType } from "@/lib/redis-types";
import type { Draft } from "./bytes-field";
import type { Pair } from "./pairs-editor";

/** What the "New key" form has read, whatever the type: each type uses one of these. */
export type CreateFields = {
  key: JsonBytes;
  ttl: number | undefined;
  value: Draft;
  /** The textarea's non-empty lines. */
  lines: string[];
  /** The pairs with something in them. */
  pairs: Pair[];
};

/** How one creatable type fills "New key": which input it shows and the body it sends. */
export type CreateForm<T extends CreatableType = CreatableType> = {
  input:
    | { kind: "value" }
    | { kind: "lines"; label: string }
    | { kind: "pairs"; labels: [string, string]; narrowSecond?: boolean };
  /** The request body, or what is wrong with the input. */
  body: (f: CreateFields) => Extract<CreateInput, { type: T }> | string;
};
