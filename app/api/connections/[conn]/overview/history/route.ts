import { connRoute } from "@/lib/api/route";
import {
  historySince,
  SAMPLE_INTERVAL_MS,
  touchSampler,
  WINDOW_SECONDS,
} from "@/lib/redis/sampler";
import { historyQuery } from "@/lib/schemas/overview";

// GET /api/connections/{conn}/overview/history – the sampler's last hour (or the samples after `since`)
export const GET = connRoute({ query: historyQuery }, async ({ conn, query }) => {
  touchSampler(conn);
  return {
    intervalMs: SAMPLE_INTERVAL_MS,
    windowSeconds: WINDOW_SECONDS,
    samples: historySince(conn, query.since),
  };
});
