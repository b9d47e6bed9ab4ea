import type { CreateForm } from "../shared/create-form";

export const setCreate: CreateForm<"set"> = {
  input: { kind: "lines", label: "Members, one per line" },
  body: ({ key, ttl, lines }) =>
    lines.length === 0
      ? "A set needs at least one item."
      : { type: "set", key, members: lines, ttl },
};
