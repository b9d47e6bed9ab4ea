import { z } from "zod";
import {
  analysisBody,
  compareQuery,
  comparison,
  report,
  reportList,
  reportParams,
  reportQuery,
} from "@/lib/schemas/analysis";
import { jobStarted } from "@/lib/schemas/bulk";
import { connectionParams, dbParams } from "@/lib/schemas/connections";
import { CONN, DB, endpoint } from "./define";

// Memory analysis (docs/analysis.md): a job that reads the keys, and the reports it leaves.

export const start = endpoint({
  method: "POST",
  path: `${DB}/analysis`,
  summary: "Start a memory analysis job (full SCAN or RANDOMKEY sample); a read, allowed read-only",
  params: dbParams,
  body: analysisBody,
  response: jobStarted,
  status: 202,
});

export const list = endpoint({
  method: "GET",
  path: `${CONN}/analysis`,
  summary: "The connection's saved analysis reports (newest first, the last 20 kept)",
  params: connectionParams,
  response: reportList,
});

export const get = endpoint({
  method: "GET",
  path: `${CONN}/analysis/{id}`,
  summary: "One analysis report; ?format=csv for its namespaces as a CSV download (text/csv)",
  params: reportParams,
  query: reportQuery,
  response: report,
});

export const remove = endpoint({
  method: "DELETE",
  path: `${CONN}/analysis/{id}`,
  summary: "Delete a saved report (Keyscope's file, not Redis data; a write: refused read-only)",
  params: reportParams,
  response: z.object({ deleted: z.literal(true) }),
});

export const compare = endpoint({
  method: "GET",
  path: `${CONN}/analysis/{id}/compare`,
  summary: "Compare two reports (?with=<id>; the older one is `before`): per type and namespace",
  params: reportParams,
  query: compareQuery,
  response: comparison,
});
