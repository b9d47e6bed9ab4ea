import type { CreateForm } from "../shared/create-form";

export const listCreate: CreateForm<"list"> = {
  input: { kind: "lines", label: "Items, one per line (in order)" },
  body: ({ key, ttl, lines }) =>
    lines.length === 0
      ? "A list needs at least one item."
      : { type: "list", key, values: lines, ttl },
};
