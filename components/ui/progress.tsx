import { cn } from "./cn";

/** A progress bar; `value` null means "working, size unknown". */
export function Progress({
  value,
  className,
  label,
}: {
  value: number | null;
  className?: string;
  label: string;
}) {
  const pct = value === null ? null : Math.max(0, Math.min(100, value * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
      className={cn(
        "h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800",
        className,
      )}
    >
      <div
        className={cn(
          "h-full rounded-full bg-indigo-500 transition-[width] duration-300",
          pct === null && "w-1/3 animate-pulse",
        )}
        style={pct === null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
