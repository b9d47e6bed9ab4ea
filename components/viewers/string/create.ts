import { isParseError } from "../shared/bytes-codec";
import { readDraft } from "../shared/bytes-field";
import type { CreateForm } from "../shared/create-form";

export const stringCreate: CreateForm<"string"> = {
  input: { kind: "value" },
  body: ({ key, ttl, value: draft }) => {
    const value = readDraft(draft);
    return isParseError(value) ? `Value: ${value.error}` : { type: "string", key, value, ttl };
  },
};
