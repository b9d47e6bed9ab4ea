"use client";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import type { StreamState } from "@/hooks/use-event-stream";

/** The stream's state in a few words beside its buttons. */
export function StreamBadge({ state }: { state: StreamState }) {
  if (state.status === "open") return <Badge tone="green">live</Badge>;
  if (state.status === "ended")
    return <Badge tone={state.end.reason === "error" ? "red" : "gray"}>ended</Badge>;
  if (state.status === "failed") return <Badge tone="red">failed</Badge>;
  return <Badge>stopped</Badge>;
}

/** Why a stream could not start or ended on its own, in a sentence; nothing otherwise. */
export function StreamProblem({ state }: { state: StreamState }) {
  if (state.status === "failed") {
    const { code, message } = state.error;
    const title =
      code === "TOO_MANY_REQUESTS"
        ? "Too many live streams on this connection"
        : code === "REDIS_UNAVAILABLE" || code === "NETWORK"
          ? "Redis is not reachable"
          : "Could not start";
    return (
      <Notice tone="error" title={title}>
        {message}
      </Notice>
    );
  }
  if (state.status === "ended" && state.end.reason === "error")
    return (
      <Notice tone="error" title="The stream stopped">
        {state.end.message ?? "Redis went away."} Start again to reconnect.
      </Notice>
    );
  return null;
}

/** Events dropped by the server (the browser fell behind) or skipped while paused. */
export function LossNote({ dropped, skipped }: { dropped?: number; skipped: number }) {
  if (!dropped && !skipped) return null;
  return (
    <span className="text-xs text-amber-700 dark:text-amber-400" data-testid="loss-note">
      {dropped ? `${dropped.toLocaleString()} dropped (browser behind)` : ""}
      {dropped && skipped ? " · " : ""}
      {skipped ? `${skipped.toLocaleString()} skipped while paused` : ""}
    </span>
  );
}
