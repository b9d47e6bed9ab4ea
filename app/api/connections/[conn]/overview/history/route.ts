import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import {
  historySince,
  SAMPLE_INTERVAL_MS,
  touchSampler,
  WINDOW_SECONDS,
} from "@/lib/redis/sampler";

// GET /api/connections/{conn}/overview/history – the sampler's last hour (or the samples after `since`)
export const GET = handle(ops.history, async ({ conn, query }) => {
  touchSampler(conn);
  return {
    intervalMs: SAMPLE_INTERVAL_MS,
    windowSeconds: WINDOW_SECONDS,
    samples: historySince(conn, query.since),
  };
});
