import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { displayJsonBytes, keyId } from "@/lib/bytes";
import type { ReportJson } from "@/lib/schemas/analysis";
import { keyHref } from "./report-tables";

const TONE = { info: "blue", warning: "amber", critical: "red" } as const;
const BORDER = {
  info: "border-zinc-200 dark:border-zinc-800",
  warning: "border-amber-300 dark:border-amber-900",
  critical: "border-red-300 dark:border-red-900",
} as const;

/** What the report suggests, each card with the figures (and keys) that made it say so. */
export function Recommendations({
  conn,
  db,
  items,
}: {
  conn: string;
  db: number;
  items: ReportJson["recommendations"];
}) {
  if (items.length === 0)
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        Nothing to recommend: no big keys, no namespace without TTLs, memory far from its limit.
      </p>
    );
  return (
    <ul className="grid gap-2 md:grid-cols-2" data-testid="recommendations">
      {items.map((r) => (
        <li
          key={r.id}
          className={cn("flex flex-col gap-1 rounded-md border p-3", BORDER[r.severity])}
        >
          <div className="flex items-center gap-2">
            <Badge tone={TONE[r.severity]}>{r.severity}</Badge>
            <span className="text-sm font-medium">{r.title}</span>
          </div>
          <p className="text-xs text-zinc-600 dark:text-zinc-300">{r.evidence}</p>
          {r.keys && r.keys.length > 0 && (
            <p className="flex flex-wrap gap-x-2 text-xs">
              {r.keys.slice(0, 5).map((k) => (
                <Link
                  key={keyId(k)}
                  href={keyHref(conn, db, k)}
                  className="font-mono text-indigo-600 hover:underline dark:text-indigo-400"
                >
                  {displayJsonBytes(k)}
                </Link>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
