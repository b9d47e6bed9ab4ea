import { nodeQuery } from "@/lib/schemas/cluster";
import {
  configSettings,
  rewriteResult,
  setConfigBody,
  setConfigResult,
} from "@/lib/schemas/config-settings";
import { connectionParams, dbParams } from "@/lib/schemas/connections";
import {
  flushBody,
  flushResult,
  historyQuery,
  history as historySchema,
  overview as overviewSchema,
  persistenceStatus,
  startedResult,
} from "@/lib/schemas/overview";
import { CONN, DB, endpoint } from "./define";

// Server health, persistence, settings and flushes (docs/overview.md).

export const overview = endpoint({
  method: "GET",
  path: `${CONN}/overview`,
  summary:
    "Server, memory, stats, persistence, clients, replication, keyspace, commands; on a cluster the totals, or one `node`",
  params: connectionParams,
  query: nodeQuery,
  response: overviewSchema,
});

export const history = endpoint({
  method: "GET",
  path: `${CONN}/overview/history`,
  summary: "The sampler's last hour (every 2 s while someone looks), or the samples after `since`",
  params: connectionParams,
  query: historyQuery,
  response: historySchema,
});

export const persistence = endpoint({
  method: "GET",
  path: `${CONN}/persistence`,
  summary: "RDB and AOF status (INFO persistence), for polling",
  params: connectionParams,
  query: nodeQuery,
  response: persistenceStatus,
});

export const bgsave = endpoint({
  method: "POST",
  path: `${CONN}/persistence/bgsave`,
  summary: "Start BGSAVE; 409 CONFLICT when a save or rewrite is running",
  params: connectionParams,
  query: nodeQuery,
  response: startedResult,
  status: 202,
});

export const bgrewriteaof = endpoint({
  method: "POST",
  path: `${CONN}/persistence/bgrewriteaof`,
  summary: "Start BGREWRITEAOF (scheduled behind a running BGSAVE); 409 when one is running",
  params: connectionParams,
  query: nodeQuery,
  response: startedResult,
  status: 202,
});

export const config = endpoint({
  method: "GET",
  path: `${CONN}/config`,
  summary: "The editable settings (CONFIG GET) and the config file",
  params: connectionParams,
  query: nodeQuery,
  response: configSettings,
});

export const setConfig = endpoint({
  method: "PUT",
  path: `${CONN}/config`,
  summary: "CONFIG SET one setting; 409 CONFLICT when `expect` no longer holds",
  params: connectionParams,
  query: nodeQuery,
  body: setConfigBody,
  response: setConfigResult,
});

export const rewriteConfig = endpoint({
  method: "POST",
  path: `${CONN}/config/rewrite`,
  summary: "CONFIG REWRITE; 409 CONFLICT when the server has no config file",
  params: connectionParams,
  query: nodeQuery,
  response: rewriteResult,
});

export const flush = endpoint({
  method: "POST",
  path: `${DB}/flush`,
  summary: "FLUSHDB (ASYNC where supported); `confirm` must be the db index",
  params: dbParams,
  body: flushBody,
  response: flushResult,
});

export const flushall = endpoint({
  method: "POST",
  path: `${CONN}/flushall`,
  summary: "FLUSHALL (ASYNC where supported); `confirm` must be the connection id",
  params: connectionParams,
  body: flushBody,
  response: flushResult,
});
