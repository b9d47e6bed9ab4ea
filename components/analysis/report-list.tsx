"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useDeleteReport } from "@/hooks/use-analysis";
import { formatBytes, formatCount } from "@/lib/format";
import type { ReportJson } from "@/lib/schemas/analysis";

type Summary = Pick<
  ReportJson,
  "id" | "db" | "mode" | "createdAt" | "keys" | "memoryBytes" | "estimated"
>;

const READ_ONLY_REASON =
  "Read-only connection: deleting a report is a change, refused like every write.";

/** The saved reports, newest first: open, delete (confirmed), pick two to compare. */
export function ReportList({
  conn,
  reports,
  readOnly,
}: {
  conn: string;
  reports: readonly Summary[];
  readOnly: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const remove = useDeleteReport(conn);
  const [picked, setPicked] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<Summary | null>(null);
  const base = `/c/${encodeURIComponent(conn)}/analysis`;
  const sorted = [...reports].sort((a, b) => b.createdAt - a.createdAt);
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  // The older of the two is "before".
  const [before, after] = sorted.filter((r) => picked.includes(r.id)).reverse();
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <h2 className="flex-1 text-sm font-semibold">Saved reports</h2>
        <Button
          size="sm"
          disabled={!before || !after}
          title={before && after ? undefined : "Tick two reports to compare them"}
          onClick={() => before && after && router.push(`${base}/${before.id}/compare/${after.id}`)}
        >
          Compare the two ticked
        </Button>
      </div>
      <table className="w-full text-xs" data-testid="report-list">
        <thead className="text-left text-zinc-500 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="w-8 py-1" aria-label="Compare" />
            <th className="py-1 pr-3 font-medium">Date</th>
            <th className="py-1 pr-3 font-medium">Database</th>
            <th className="py-1 pr-3 font-medium">Mode</th>
            <th className="py-1 pr-3 text-right font-medium">Keys</th>
            <th className="py-1 pr-3 text-right font-medium">Memory</th>
            <th className="py-1 font-medium" />
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={r.id}
              data-testid="report-row"
              data-id={r.id}
              className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60"
            >
              <td className="py-1">
                <input
                  type="checkbox"
                  aria-label={`Compare report ${r.id}`}
                  checked={picked.includes(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </td>
              <td className="py-1 pr-3">
                <Link
                  href={`${base}/${r.id}`}
                  className="text-indigo-600 hover:underline dark:text-indigo-400"
                >
                  {new Date(r.createdAt * 1000).toLocaleString()}
                </Link>
              </td>
              <td className="py-1 pr-3 font-mono">db{r.db}</td>
              <td className="py-1 pr-3">
                {r.mode} {r.estimated && <Badge tone="amber">estimated</Badge>}
              </td>
              <td className="py-1 pr-3 text-right font-mono tabular-nums">{formatCount(r.keys)}</td>
              <td className="py-1 pr-3 text-right font-mono tabular-nums">
                {formatBytes(r.memoryBytes)}
              </td>
              <td className="py-1 text-right">
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={readOnly}
                  title={readOnly ? READ_ONLY_REASON : "Delete this report"}
                  onClick={() => setDeleting(r)}
                >
                  Delete
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {readOnly && <p className="text-xs text-zinc-500 dark:text-zinc-400">{READ_ONLY_REASON}</p>}
      <Dialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this report?"
      >
        {deleting && (
          <div className="flex flex-col gap-3 text-sm">
            <p>
              The report of db{deleting.db} from{" "}
              {new Date(deleting.createdAt * 1000).toLocaleString()} is deleted from Keyscope's data
              directory. Redis is not touched.
            </p>
            <div className="flex justify-end gap-2">
              <Button onClick={() => setDeleting(null)}>Keep it</Button>
              <Button
                variant="danger"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(deleting.id, {
                    onSuccess: () => {
                      setPicked((p) => p.filter((x) => x !== deleting.id));
                      setDeleting(null);
                      toast.show("success", "Report deleted");
                    },
                  })
                }
              >
                Delete
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </div>
  );
}
