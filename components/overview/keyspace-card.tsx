import Link from "next/link";
import { BulkActionsButton } from "@/components/bulk/bulk-actions-button";
import { Card } from "@/components/ui/card";
import { formatCount, formatTtl } from "@/lib/format";
import type { Overview } from "@/lib/schemas/overview";
import { FlushButton } from "./flush-button";

/** Databases that hold keys (INFO keyspace), with bulk actions and flush per database. */
export function KeyspaceCard({
  conn,
  data,
  canWrite,
}: {
  conn: string;
  data: Overview;
  canWrite: boolean;
}) {
  const total = data.keyspace.reduce((n, d) => n + d.keys, 0);
  return (
    <Card
      title="Keyspace"
      testId="keyspace-card"
      actions={canWrite && total > 0 && <FlushButton conn={conn} db="all" keys={total} />}
    >
      {data.keyspace.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Every database is empty.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1 font-normal">db</th>
              <th className="py-1 text-right font-normal">keys</th>
              <th className="py-1 text-right font-normal">with TTL</th>
              <th className="py-1 text-right font-normal">avg TTL</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.keyspace.map((d) => (
              <tr
                key={d.db}
                data-testid={`keyspace-db-${d.db}`}
                className="border-t border-zinc-100 dark:border-zinc-800"
              >
                <td className="py-1.5">
                  <Link
                    href={`/c/${encodeURIComponent(conn)}/db/${d.db}`}
                    className="font-mono text-indigo-600 hover:underline dark:text-indigo-400"
                  >
                    db{d.db}
                  </Link>
                </td>
                <td className="py-1.5 text-right font-mono tabular-nums">{formatCount(d.keys)}</td>
                <td className="py-1.5 text-right font-mono tabular-nums">
                  {formatCount(d.expires)}
                </td>
                <td className="py-1.5 text-right font-mono text-xs">
                  {d.avgTtlMs > 0 ? formatTtl(Math.round(d.avgTtlMs / 1000)) : "—"}
                </td>
                <td className="py-1.5 text-right whitespace-nowrap">
                  {canWrite && (
                    <>
                      <BulkActionsButton conn={conn} db={d.db} match="" type="" />
                      <FlushButton conn={conn} db={d.db} keys={d.keys} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
