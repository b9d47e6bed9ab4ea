import { cn } from "./cn";

/** Classes that dim a panel whose figures are out of date (kept readable, not clickable-looking). */
export const STALE_DIM = "opacity-50 saturate-50 transition-opacity";

/** A mark that what is beside it is out of date, e.g. "stale — source unreachable since 14:02:07". */
export function StaleBadge({ label, className }: { label: string; className?: string }) {
  return (
    <span
      role="status"
      data-testid="stale-mark"
      className={cn(
        "inline-flex shrink-0 items-center gap-1.5 rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200",
        className,
      )}
    >
      <span className="inline-block size-1.5 rounded-full bg-amber-500" aria-hidden />
      {label}
    </span>
  );
}
