import { Notice } from "@/components/ui/notice";
import type { ConnectionTestResult } from "@/lib/schemas/connections";

// What to do about each failure the server names (lib/schemas/connections.ts CONNECTION_FAILURES).
const ADVICE: Record<Extract<ConnectionTestResult, { ok: false }>["reason"], string> = {
  timeout:
    "No answer within the connect timeout: is the host right, and is Redis running and not paused?",
  refused: "Nothing answered there: check the host and port.",
  auth: "Redis wants a password, or refused this one: check the username and password.",
  tls: "The TLS handshake failed: check the certificates, or whether the server speaks TLS at all.",
  error: "Redis answered with an error.",
};

/** The answer of "Test": version, mode and latency, or what went wrong and what to check. */
export function TestResult({ result }: { result: ConnectionTestResult }) {
  if (result.ok)
    return (
      <Notice
        title="Connected"
        className="border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200"
      >
        <span data-testid="test-ok">
          Redis {result.version} · {result.mode} · {result.latencyMs.toFixed(0)} ms
        </span>
      </Notice>
    );
  return (
    <Notice tone="error" title={`Could not connect (${result.reason})`}>
      <p data-testid="test-error">{result.message}</p>
      <p className="mt-1 text-xs">{ADVICE[result.reason]}</p>
    </Notice>
  );
}
