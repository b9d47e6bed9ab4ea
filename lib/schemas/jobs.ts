import { z } from "zod";
import { analysisJobView } from "./analysis";
import { jobView } from "./bulk";
import { importJobView } from "./import";
import { exportJobView } from "./transfer";

// GET/DELETE /api/jobs/{jobId}: every kind of background job, told apart by `kind`.
export const anyJobView = z.discriminatedUnion("kind", [
  jobView,
  analysisJobView,
  exportJobView,
  importJobView,
]);
export type AnyJobView = z.output<typeof anyJobView>;
export type AnyJobViewJson = z.input<typeof anyJobView>;
