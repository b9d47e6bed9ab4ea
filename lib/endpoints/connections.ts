import {
  connectionCreated,
  connectionExportQuery,
  connectionImportInput,
  connectionImportResult,
  connectionInput,
  connectionParams,
  connectionPatch,
  connectionState,
  connectionSummary,
  connectionTestInput,
  connectionTestResult,
} from "@/lib/schemas/connections";
import { sentinelReport } from "@/lib/schemas/sentinel";
import { CONN, endpoint } from "./define";

// Connections added, changed and removed at run time (lib/connections/). GET /api/connections,
// the list of every connection, is server.connections. The path parameter is `conn` because
// Next wants one name per folder level (app/api/connections/[conn]/); it is the connection's id.

export const create = endpoint({
  method: "POST",
  path: "/api/connections",
  summary: "Add a connection (saved in the data directory; its password is never sent back)",
  body: connectionInput,
  response: connectionCreated,
  status: 201,
});

export const update = endpoint({
  method: "PUT",
  path: CONN,
  summary: 'Change a saved connection (the fields given; password: absent keeps, "" removes)',
  params: connectionParams,
  body: connectionPatch,
  response: connectionSummary,
});

export const remove = endpoint({
  method: "DELETE",
  path: CONN,
  summary: "Delete a saved connection and close its clients",
  params: connectionParams,
  response: connectionSummary,
});

export const test = endpoint({
  method: "POST",
  path: "/api/connections/test",
  summary: "Try a connection (a new one, or a saved one by id) within the connect timeout",
  body: connectionTestInput,
  response: connectionTestResult,
});

export const state = endpoint({
  method: "GET",
  path: `${CONN}/state`,
  summary: "Reachable, version, key count and used memory of the connection's Redis",
  params: connectionParams,
  response: connectionState,
});

export const exportFile = endpoint({
  method: "GET",
  path: "/api/connections/export",
  summary: "Saved connections as a JSON file (passwords only with passwords=1, which is audited)",
  query: connectionExportQuery,
  response: { kind: "bytes", contentType: "application/json" },
});

export const importFile = endpoint({
  method: "POST",
  path: "/api/connections/import",
  summary:
    "Import a connections file (Keyscope, RedisInsight, ARDM, Tiny RDM); an answer per entry",
  body: connectionImportInput,
  response: connectionImportResult,
});

export const sentinel = endpoint({
  method: "GET",
  path: `${CONN}/sentinel`,
  summary:
    "What the sentinels say: the current master, its replicas (lag), the sentinels, failovers seen (404 unless a Sentinel connection)",
  params: connectionParams,
  response: sentinelReport,
});
