import {
  connectionList,
  connectionParams,
  connectionStatus,
  databaseList,
  health,
  openApiDoc,
} from "@/lib/schemas/connections";
import { CONN, endpoint } from "./define";

// Keyscope itself and its connections.

export const healthCheck = endpoint({
  method: "GET",
  path: "/api/health",
  summary: "Liveness of Keyscope itself (not of Redis)",
  response: health,
  open: true,
});

export const openapi = endpoint({
  method: "GET",
  path: "/api/openapi.json",
  summary: "This API as an OpenAPI 3.1 document, generated from the endpoint definitions",
  response: openApiDoc,
});

export const connections = endpoint({
  method: "GET",
  path: "/api/connections",
  summary: "Every connection, from the environment and saved (never a URL, password or TLS key)",
  response: connectionList,
});

export const databases = endpoint({
  method: "GET",
  path: `${CONN}/databases`,
  summary: "Databases with key counts (INFO keyspace)",
  params: connectionParams,
  response: databaseList,
});

export const status = endpoint({
  method: "GET",
  path: `${CONN}/status`,
  summary:
    "Readiness of the connection's Redis from a background PING probe (never waits on Redis)",
  params: connectionParams,
  response: connectionStatus,
});
