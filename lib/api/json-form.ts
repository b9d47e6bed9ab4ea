import "server-only";
import { bytesToJson } from "@/lib/bytes";

/**
 * The handler's result in its JSON form: every byte string (a Buffer) as the `jsonBytes` codec
 * encodes it, everything else as it is. This is what `z.encode(response, result)` gives for a
 * result of the response's type (the handler's return type is checked against it at compile
 * time), at a fraction of the cost: measured on a 5,000-key page, z.encode took 8–16 ms and
 * this 2 ms, which on a 1M-key walk was ~2.5 s of extra server CPU (docs/benchmarks.md). Outside
 * production (tests, `next dev`) the result also goes through the schema and the two must agree,
 * so every API test checks the server's answers against their schemas.
 */
export function toJsonForm(value: unknown): unknown {
  if (value instanceof Uint8Array) return bytesToJson(value);
  if (Array.isArray(value)) return value.map(toJsonForm);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonForm(v);
  return out;
}
