import "server-only";
import { z } from "zod";
import { ENDPOINTS, type Endpoint, isJsonBody, isJsonResponse } from "@/lib/endpoints";
import { VERSION } from "@/lib/version";

// The machine-readable twin of docs/api.md, generated from the endpoint definitions the routes
// are built with (lib/endpoints), so it cannot drift from what the server accepts and answers.

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return rest;
}

function queryParameters(schema: z.ZodType) {
  const s = jsonSchema(schema, "input") as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: s.required?.includes(name) ?? false,
    schema: prop,
  }));
}

function pathParameters(e: Endpoint) {
  const props = (e.params ? jsonSchema(e.params, "input").properties : undefined) as
    | Record<string, unknown>
    | undefined;
  return [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: props?.[m[1] as string] ?? { type: "string" },
  }));
}

/** A JSON answer by its schema's wire side (bytes as the JSON form); a byte stream as binary. */
function success(e: Endpoint) {
  const r = e.response;
  const content = isJsonResponse(r)
    ? { "application/json": { schema: jsonSchema(r, "input") } }
    : r.kind === "events"
      ? // OpenAPI 3.1 has no schema for an event stream; each `data:` line is one of these.
        { [r.contentType]: { schema: { type: "string" }, "x-event": jsonSchema(r.event, "input") } }
      : { [r.contentType]: { schema: { type: "string", format: "binary" } } };
  return { description: "OK", content };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    paths[e.path] ??= {};
    (paths[e.path] as Record<string, unknown>)[e.method.toLowerCase()] = {
      summary: e.summary,
      parameters: [...pathParameters(e), ...(e.query ? queryParameters(e.query) : [])],
      ...(e.body && {
        requestBody: {
          required: true,
          content: isJsonBody(e.body)
            ? { "application/json": { schema: jsonSchema(e.body, "input") } }
            : { [e.body.contentType]: { schema: { type: "string", format: "binary" } } },
        },
      }),
      responses: {
        [String(e.status ?? 200)]: success(e),
        default: {
          description: "An error (see docs/api.md for codes)",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Keyscope API",
      version: VERSION,
      description: 'Byte strings are UTF-8 JSON strings or {"b64": base64}. See docs/api.md.',
    },
    paths,
    components: { schemas: { Error: errorSchema } },
  };
}
