import { z } from "zod";
import { type Endpoint, isJsonBody, isJsonResponse } from "./define";
import { ENDPOINTS } from "./index";

// docs/api.md's endpoint list, made from the definitions (test/api/docs.test.ts fails when the
// file holds another one, and rewrites it with UPDATE_DOCS=1). The prose around it stays hand-written.

export const DOCS_START =
  "<!-- endpoints: generated from lib/endpoints by test/api/docs.test.ts -->";
export const DOCS_END = "<!-- endpoints: end -->";

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
};

function inputSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

const code = (names: string[]) => names.map((n) => `\`${n}\``).join(", ");

/** A body's fields, or for a union the property that tells its shapes apart and their names. */
function bodyCell(schema: z.ZodType): string {
  const s = inputSchema(schema);
  if (s.properties) return code(Object.keys(s.properties));
  const variants = s.oneOf ?? s.anyOf ?? [];
  const first = variants[0]?.properties ?? {};
  const tag = Object.keys(first).find((name) =>
    variants.every((v) => v.properties?.[name]?.const !== undefined),
  );
  if (!tag) return "JSON";
  const names = variants.map((v) => String(v.properties?.[tag]?.const));
  return `by \`${tag}\`: ${names.join(", ")}`;
}

function cells(e: Endpoint): string[] {
  const query = e.query ? code(Object.keys(inputSchema(e.query).properties ?? {})) : "";
  const body = isJsonBody(e.body)
    ? bodyCell(e.body)
    : e.body
      ? `bytes (${e.body.contentType})`
      : "";
  const kind = isJsonResponse(e.response)
    ? "JSON"
    : e.response.kind === "events"
      ? "events (SSE)"
      : `bytes (${e.response.contentType})`;
  const summary = e.open ? `${e.summary} (no login needed)` : e.summary;
  return [`\`${e.method} ${e.path}\``, query, body, `${e.status ?? 200} ${kind}`, summary];
}

/** A Markdown table with padded columns, as the formatter (biome) writes it. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/** The generated block, markers included. */
export function endpointTable(): string {
  return [
    DOCS_START,
    "",
    ...table(["endpoint", "query", "body", "answer", "what it does"], ENDPOINTS.map(cells)),
    "",
    DOCS_END,
  ].join("\n");
}
