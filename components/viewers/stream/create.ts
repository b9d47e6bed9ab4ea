import type { CreateForm } from "../shared/create-form";

export const streamCreate: CreateForm<"stream"> = {
  input: { kind: "pairs", labels: ["Field", "Value"] },
  body: ({ key, ttl, pairs }) =>
    pairs.length === 0
      ? "A stream needs at least one field."
      : { type: "stream", key, fields: pairs, ttl },
};
