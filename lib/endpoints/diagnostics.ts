import { connectionParams } from "@/lib/schemas/connections";
import {
  clientParams,
  clientsResult,
  killQuery,
  killResult,
  latencyHistoryQuery,
  latencyHistory as latencyHistorySchema,
  latencyQuery,
  latencyResult,
  resetResult,
  slowlogQuery,
  slowlogResetQuery,
  slowlogResult,
} from "@/lib/schemas/diagnostics";
import { CONN, endpoint } from "./define";

// Slowlog, clients and latency (docs/tools.md, "Slowlog, clients and latency").

export const slowlog = endpoint({
  method: "GET",
  path: `${CONN}/slowlog`,
  summary:
    "SLOWLOG GET `count` (1-10000, default 128), with its length and the two settings; on a cluster every node's (or `node`'s), merged",
  params: connectionParams,
  query: slowlogQuery,
  response: slowlogResult,
});

export const resetSlowlog = endpoint({
  method: "DELETE",
  path: `${CONN}/slowlog`,
  summary: "SLOWLOG RESET (a write); on a cluster every node, or `node`",
  params: connectionParams,
  query: slowlogResetQuery,
  response: resetResult,
});

export const clients = endpoint({
  method: "GET",
  path: `${CONN}/clients`,
  summary:
    "CLIENT LIST as rows (at most 5000, `truncated` beyond), Keyscope's own marked `self`; on a cluster every node's, with `node`",
  params: connectionParams,
  response: clientsResult,
});

export const killClient = endpoint({
  method: "DELETE",
  path: `${CONN}/clients/{id}`,
  summary: "CLIENT KILL ID (a write); 404 for an unknown id; a cluster needs `node`",
  params: clientParams,
  query: killQuery,
  response: killResult,
});

export const latency = endpoint({
  method: "GET",
  path: `${CONN}/latency`,
  summary:
    "LATENCY LATEST and DOCTOR, with latency-monitor-threshold; on a cluster of `node` (default the first master)",
  params: connectionParams,
  query: latencyQuery,
  response: latencyResult,
});

export const latencyHistory = endpoint({
  method: "GET",
  path: `${CONN}/latency/history`,
  summary: "LATENCY HISTORY of one event (empty for an unknown event), of `node` on a cluster",
  params: connectionParams,
  query: latencyHistoryQuery,
  response: latencyHistorySchema,
});
