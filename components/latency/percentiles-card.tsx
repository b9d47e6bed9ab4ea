import { Card } from "@/components/ui/card";
import type { LatencyResult } from "@/lib/schemas/diagnostics";

/** Rows shown: the slowest commands are the ones worth a look. */
const SHOWN = 25;

const us = (n: number) =>
  n >= 1000
    ? `${(n / 1000).toLocaleString("en-US", { maximumFractionDigits: 2 })} ms`
    : `${n.toLocaleString("en-US", { maximumFractionDigits: 1 })} µs`;

/** INFO latencystats: per command, its latency percentiles since the last CONFIG RESETSTAT. */
export function PercentilesCard({ rows }: { rows: LatencyResult["commandPercentiles"] }) {
  if (rows === null)
    return (
      <Card title="Per-command percentiles">
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          This server reports no INFO latencystats (Redis 7.0 and later do, unless latency-tracking
          is off).
        </p>
      </Card>
    );
  const labels = rows[0]?.percentilesUs.map(([p]) => p) ?? [];
  return (
    <Card title="Per-command percentiles (INFO latencystats)">
      <table className="w-full text-sm" data-testid="latency-percentiles">
        <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="py-1.5 pr-3 font-medium">Command</th>
            {labels.map((p) => (
              <th key={p} className="py-1.5 pr-3 text-right font-medium">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr key={r.command} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1.5 pr-3 font-mono text-xs">{r.command}</td>
              {r.percentilesUs.map(([p, v]) => (
                <td key={p} className="py-1.5 pr-3 text-right font-mono text-xs tabular-nums">
                  {us(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Slowest first{rows.length > SHOWN ? `, ${SHOWN} of ${rows.length} commands` : ""}; counted
        since the server started or the last CONFIG RESETSTAT.
      </p>
    </Card>
  );
}
