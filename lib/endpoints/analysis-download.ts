import { reportParams, reportQuery } from "@/lib/schemas/analysis";
import { CONN, endpoint } from "./define";

// GET …/analysis/{id}?format=csv: the same path as analysis.get, answered as a file. Not in
// ENDPOINTS (the path is listed once, by analysis.get); the route picks this one by `format`.
export const reportCsvDownload = endpoint({
  method: "GET",
  path: `${CONN}/analysis/{id}`,
  summary: "One analysis report's namespaces as CSV",
  params: reportParams,
  query: reportQuery,
  response: { kind: "bytes", contentType: "text/csv" },
});
