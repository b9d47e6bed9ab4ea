import { z } from "zod";
import { analysisJobView } from "./analysis";
import { jobView } from "./bulk";
import { importJobView } from "./import";

// GET/DELETE /api/jobs/{jobId}: every kind of background job, told apart by `kind`.
export const anyJobView = z.discriminatedUnion("kind", [jobView, analysisJobView, importJobView]);
export type AnyJobView = z.output<typeof anyJobView>;
export type AnyJobViewJson = z.input<typeof anyJobView>;
