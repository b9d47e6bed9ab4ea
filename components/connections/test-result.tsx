import { Notice } from "@/components/ui/notice";
import type { ConnectionTestResult } from "@/lib/schemas/connections";
import { formatMs } from "./colors";

/** The answer of "Test": version, mode and latency, or what went wrong (the server's message says what to check). */
export function TestResult({ result }: { result: ConnectionTestResult }) {
  if (result.ok)
    return (
      <Notice
        title="Connected"
        className="border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200"
      >
        <span data-testid="test-ok">
          Redis {result.version} · {modeOf(result)} · {formatMs(result.latencyMs)}
        </span>
      </Notice>
    );
  return (
    <Notice tone="error" title={`Could not connect (${result.reason})`}>
      <p data-testid="test-error">{result.message}</p>
    </Notice>
  );
}

/** "cluster, 3 masters" or "sentinel, master 10.0.0.5:6379" as the test answers them. */
function modeOf(r: Extract<ConnectionTestResult, { ok: true }>): string {
  if (r.mode === "cluster" && r.masters !== undefined)
    return `cluster, ${r.masters} ${r.masters === 1 ? "master" : "masters"}`;
  if (r.mode === "sentinel" && r.master) return `sentinel, master ${r.master}`;
  return r.mode;
}
