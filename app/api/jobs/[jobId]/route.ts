import { route } from "@/lib/api/route";
import { cancelJob } from "@/lib/jobs";
import { bulkJob, bulkView } from "@/lib/redis/bulk";
import { jobParams } from "@/lib/schemas/bulk";

// `route()` hands handlers no params, so each handler reads jobId from the context itself; a bad
// id throws inside the wrapper and becomes a 400 like any other parse error.
type Context = { params: Promise<Record<string, string | string[] | undefined>> };
const jobIdOf = async (ctx: Context) => jobParams.parse(await ctx.params).jobId;

// GET /api/jobs/{jobId} – a job's state and counters (scanned, matched, affected, keys/s, ETA)
export const GET = (req: Request, ctx: Context) =>
  route({}, async () => bulkJob(await jobIdOf(ctx)))(req, ctx);

// DELETE /api/jobs/{jobId} – ask a running job to stop after its current batch
export const DELETE = (req: Request, ctx: Context) =>
  route({}, async () => bulkView(cancelJob(await jobIdOf(ctx))))(req, ctx);
