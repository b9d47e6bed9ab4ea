import { formatTtl } from "@/lib/format";
import type { JobState } from "@/lib/schemas/bulk";

// What every background job (bulk actions, memory analyses) shows the same way.

/** The badge tone of a job's state. */
export const JOB_STATE_TONE = {
  running: "blue",
  done: "green",
  failed: "red",
  cancelled: "amber",
} as const satisfies Record<JobState, string>;

/** "ETA 1m 5s"; "ETA …" while the job cannot tell yet. */
export function formatEta(etaSeconds: number | null): string {
  return `ETA ${etaSeconds === null ? "…" : formatTtl(Math.round(etaSeconds)) || "0s"}`;
}
