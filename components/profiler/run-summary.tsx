"use client";
import { Card, Facts } from "@/components/ui/card";
import { displayBytes, displayJsonBytes, type JsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";

// The end of a run: its figures and the top commands, key prefixes and clients as small tables.
// From the server's summary when the run ran out its time (it saw every line, even those the
// filters held back or the browser could not take); from the page's own count otherwise.

type Counted = { count: number };
export type SummaryJson = {
  seen: number;
  matched: number;
  delivered: number;
  dropped: number;
  seconds: number;
  commandsPerSecond: number;
  topCommands: ({ command: string } & Counted)[];
  topPrefixes: ({ prefix: JsonBytes | Uint8Array } & Counted)[];
  topClients: ({ client: string } & Counted)[];
  /** On a cluster (server's summary): lines each watched node saw and matched. */
  nodes?: { node: string; seen: number; matched: number }[];
};

function Top({ title, rows }: { title: string; rows: [string, number][] }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold text-zinc-500 uppercase dark:text-zinc-400">
        {title}
      </h3>
      {rows.length === 0 ? (
        <p className="text-xs text-zinc-500">none</p>
      ) : (
        <table className="w-full table-fixed text-xs">
          <tbody>
            {rows.map(([name, count], i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, ranked list
              <tr key={i} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                <td className="truncate py-0.5 pr-2 font-mono" title={name}>
                  {name}
                </td>
                <td className="w-20 py-0.5 text-right font-mono tabular-nums">
                  {formatCount(count)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const bytesText = (p: JsonBytes | Uint8Array) =>
  p instanceof Uint8Array ? displayBytes(p) : displayJsonBytes(p);

export function RunSummary({
  summary,
  source,
}: {
  summary: SummaryJson;
  source: "server" | "page";
}) {
  return (
    <Card
      testId="profiler-summary"
      title={source === "server" ? "Summary of the run" : "Summary of what this page received"}
    >
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-[minmax(14rem,auto)_minmax(8rem,1fr)_2fr_minmax(13rem,1fr)]">
        <Facts
          rows={[
            ["Seconds", summary.seconds.toFixed(1)],
            ["Commands/s", formatCount(Math.round(summary.commandsPerSecond))],
            ["Seen by Redis", formatCount(summary.seen)],
            ["Matched filters", formatCount(summary.matched)],
            ["Delivered", formatCount(summary.delivered)],
            ["Not sent (over 5,000/s, browser behind)", formatCount(summary.dropped)],
          ]}
        />
        <Top title="Top commands" rows={summary.topCommands.map((c) => [c.command, c.count])} />
        <Top
          title="Top key prefixes"
          rows={summary.topPrefixes.map((p) => [bytesText(p.prefix), p.count])}
        />
        {/* The nodes go under the clients: a fifth grid cell would widen the facts column. */}
        <div className="flex min-w-0 flex-col gap-4">
          <Top title="Top clients" rows={summary.topClients.map((c) => [c.client, c.count])} />
          {summary.nodes && (
            <Top
              title="Matched per node"
              rows={summary.nodes.map((n) => [n.node, n.matched] as [string, number])}
            />
          )}
        </div>
      </div>
    </Card>
  );
}
