import "server-only";
import { z } from "zod";
import { auditList, auditQuery, loginBody, loginResult, sessionStatus } from "@/lib/schemas/auth";
import { bulkBody, jobStarted, jobView } from "@/lib/schemas/bulk";
import {
  configSettings,
  rewriteResult,
  setConfigBody,
  setConfigResult,
} from "@/lib/schemas/config-settings";
import { connectionList, databaseList, health } from "@/lib/schemas/connections";
import { createBody, createResult, editBody, editResult } from "@/lib/schemas/edits";
import {
  deleteResult,
  keyInfo,
  keyQuery,
  keysMeta,
  keysMetaQuery,
  keysPage,
  keysQuery,
  putValueBody,
  renameBody,
  renameResult,
  ttlBody,
  ttlResult,
} from "@/lib/schemas/keys";
import {
  flushBody,
  flushResult,
  history,
  historyQuery,
  overview,
  persistenceStatus,
  startedResult,
} from "@/lib/schemas/overview";
import { keyValue, streamGroups, valueQuery } from "@/lib/schemas/values";
import { VERSION } from "@/lib/version";

// The machine-readable twin of docs/api.md, generated from the same zod schemas the routes
// parse with, so it cannot drift from what the server accepts.

type Operation = {
  method: "get" | "put" | "post" | "delete";
  path: string;
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
};

const CONN = "/api/connections/{conn}";
const DB = "/api/connections/{conn}/db/{db}";

const OPERATIONS: Operation[] = [
  { method: "get", path: "/api/health", summary: "Liveness of Keyscope itself", response: health },
  {
    method: "get",
    path: "/api/connections",
    summary: "Configured connections (never credentials)",
    response: connectionList,
  },
  {
    method: "get",
    path: "/api/connections/{conn}/databases",
    summary: "Databases with key counts",
    response: databaseList,
  },
  {
    method: "get",
    path: `${DB}/keys`,
    summary: "One bounded SCAN step, with type and TTL unless meta=0",
    query: keysQuery,
    response: keysPage,
  },
  {
    method: "get",
    path: `${DB}/key`,
    summary: "Type, TTL, encoding, memory and length of a key",
    query: keyQuery,
    response: keyInfo,
  },
  {
    method: "delete",
    path: `${DB}/key`,
    summary: "Delete a key (UNLINK)",
    query: keyQuery,
    response: deleteResult,
  },
  {
    method: "put",
    path: `${DB}/key/ttl`,
    summary: "Set a TTL in seconds, or persist with null",
    query: keyQuery,
    body: ttlBody,
    response: ttlResult,
  },
  {
    method: "get",
    path: `${DB}/key/value`,
    summary: "One page of a value, shaped by its type",
    query: valueQuery,
    response: keyValue,
  },
  {
    method: "put",
    path: `${DB}/key/value`,
    summary: "Set a string value, keeping its TTL",
    query: keyQuery,
    body: putValueBody,
    response: z.object({ ok: z.literal(true) }),
  },
  {
    method: "post",
    path: `${DB}/key/rename`,
    summary: "Rename a key; 409 if the new name exists unless overwrite",
    query: keyQuery,
    body: renameBody,
    response: renameResult,
  },
  {
    method: "post",
    path: `${DB}/key/edit`,
    summary: "One edit of a value; 409 CONFLICT when `expect` no longer holds",
    query: keyQuery,
    body: editBody,
    response: editResult,
  },
  {
    method: "post",
    path: `${DB}/keys`,
    summary: "Create a key of any type; 409 CONFLICT if it exists",
    body: createBody,
    response: createResult,
    status: 201,
  },
  {
    method: "get",
    path: `${DB}/key/stream/groups`,
    summary: "A stream's consumer groups, consumers, lag and pending entries",
    query: keyQuery,
    response: streamGroups,
  },
  {
    method: "get",
    path: `${DB}/key/download`,
    summary: "The whole string value as a file, streamed in chunks",
    query: keyQuery,
    response: z.string(),
  },
  // --- server health, persistence, flush, bulk (docs/overview.md) ---
  {
    method: "get",
    path: `${CONN}/overview`,
    summary: "Server, memory, stats, persistence, clients, replication, keyspace, commands",
    response: overview,
  },
  {
    method: "get",
    path: `${CONN}/overview/history`,
    summary:
      "The sampler's last hour (every 2 s while someone looks), or the samples after `since`",
    query: historyQuery,
    response: history,
  },
  {
    method: "get",
    path: `${CONN}/persistence`,
    summary: "RDB and AOF status (INFO persistence)",
    response: persistenceStatus,
  },
  {
    method: "post",
    path: `${CONN}/persistence/bgsave`,
    summary: "Start BGSAVE; 409 CONFLICT when a save or rewrite is running",
    response: startedResult,
    status: 202,
  },
  {
    method: "post",
    path: `${CONN}/persistence/bgrewriteaof`,
    summary: "Start BGREWRITEAOF (scheduled behind a running BGSAVE); 409 when one is running",
    response: startedResult,
    status: 202,
  },
  {
    method: "get",
    path: `${CONN}/config`,
    summary: "The editable settings (CONFIG GET) and the config file",
    response: configSettings,
  },
  {
    method: "put",
    path: `${CONN}/config`,
    summary: "CONFIG SET one setting; 409 CONFLICT when `expect` no longer holds",
    body: setConfigBody,
    response: setConfigResult,
  },
  {
    method: "post",
    path: `${CONN}/config/rewrite`,
    summary: "CONFIG REWRITE; 409 CONFLICT when the server has no config file",
    response: rewriteResult,
  },
  {
    method: "post",
    path: `${DB}/flush`,
    summary: "FLUSHDB (ASYNC where supported); `confirm` must be the db index",
    body: flushBody,
    response: flushResult,
  },
  {
    method: "post",
    path: `${CONN}/flushall`,
    summary: "FLUSHALL (ASYNC where supported); `confirm` must be the connection id",
    body: flushBody,
    response: flushResult,
  },
  {
    method: "post",
    path: `${DB}/bulk`,
    summary: "Start a bulk delete/expire/persist job over a glob (SCAN); dryRun only counts",
    body: bulkBody,
    response: jobStarted,
    status: 202,
  },
  {
    method: "get",
    path: "/api/jobs/{jobId}",
    summary: "A job's state, counters, keys/s and ETA",
    response: jobView,
  },
  {
    method: "delete",
    path: "/api/jobs/{jobId}",
    summary: "Cancel a running job after its current batch",
    response: jobView,
  },
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Log in with KEYSCOPE_PASSWORD: sets the session cookie; 429 when throttled",
    body: loginBody,
    response: loginResult,
  },
  {
    method: "post",
    path: "/api/auth/logout",
    summary: "End this session",
    response: z.object({ ok: z.literal(true) }),
  },
  {
    method: "get",
    path: "/api/auth/session",
    summary: "Whether auth is on and this request is logged in",
    response: sessionStatus,
  },
  {
    method: "get",
    path: "/api/audit",
    summary: "The audit log of writes, newest first",
    query: auditQuery,
    response: auditList,
  },
  {
    method: "get",
    path: `${DB}/keys/meta`,
    summary: "Type and TTL of up to 200 keys (k=<base64url>, repeated)",
    query: keysMetaQuery,
    response: keysMeta,
  },
];

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

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = {
      summary: op.summary,
      parameters: [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])],
      ...(op.body && {
        requestBody: {
          required: true,
          content: { "application/json": { schema: jsonSchema(op.body, "input") } },
        },
      }),
      responses: {
        [String(op.status ?? 200)]: {
          description: "OK",
          content: { "application/json": { schema: jsonSchema(op.response, "output") } },
        },
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

/** Paths the document describes, for the test that checks every route is in it. */
export const DOCUMENTED = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`);
