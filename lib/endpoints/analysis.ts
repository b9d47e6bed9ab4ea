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

// PAGE BRANCH PLACEHOLDER: the collector owns this file (branch collect); these definitions follow
// API.md "Memory analysis" so the page can be written before it lands. On merge, theirs wins.

export const start = endpoint({
  method: "POST",
  path: `${DB}/analysis`,
  summary: "Start a memory analysis of the database (full or sample), a read run as a job",
  params: dbParams,
  body: analysisBody,
  response: jobStarted,
  status: 202,
});

export const list = endpoint({
  method: "GET",
  path: `${CONN}/analysis`,
  summary: "The saved memory analysis reports of a connection",
  params: connectionParams,
  response: reportList,
});

export const get = endpoint({
  method: "GET",
  path: `${CONN}/analysis/{id}`,
  summary: "One report (JSON, or ?format=csv: its namespaces as CSV)",
  params: reportParams,
  query: reportQuery,
  response: report,
});

export const remove = endpoint({
  method: "DELETE",
  path: `${CONN}/analysis/{id}`,
  summary: "Delete a saved report (a write)",
  params: reportParams,
  response: z.object({ deleted: z.literal(true) }),
});

export const compare = endpoint({
  method: "GET",
  path: `${CONN}/analysis/{id}/compare`,
  summary: "Compare a report with another (?with=): what grew, what shrank",
  params: reportParams,
  query: compareQuery,
  response: comparison,
});

/** An analysis job's view as the page reads it (the collector generalises GET /api/jobs/{jobId}). */
export const job = endpoint({
  method: "GET",
  path: "/api/jobs/{jobId}",
  summary: "An analysis job's progress",
  params: z.object({ jobId: z.string() }),
  response: z.looseObject({
    jobId: z.string(),
    state: z.enum(["running", "done", "failed", "cancelled"]),
    progress: z.number(),
    keysPerSec: z.number(),
    etaSeconds: z.number().nullable(),
    reportId: z.string().optional(),
    error: z.string().optional(),
  }),
});
