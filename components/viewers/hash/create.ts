import type { CreateForm } from "../shared/create-form";

export const hashCreate: CreateForm<"hash"> = {
  input: { kind: "pairs", labels: ["Field", "Value"] },
  body: ({ key, ttl, pairs }) =>
    pairs.length === 0
      ? "A hash needs at least one field."
      : { type: "hash", key, entries: pairs, ttl },
};
