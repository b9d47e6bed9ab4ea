import type { ReactNode } from "react";
import { cn } from "./cn";

/** A titled box for a group of figures, with optional actions on the right of its title. */
export function Card({
  title,
  actions,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      data-testid={testId}
      className={cn(
        "flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40",
        className,
      )}
    >
      <header className="flex min-h-7 flex-wrap items-center gap-2">
        <h2 className="min-w-0 flex-1 text-sm font-semibold">{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** Label–value pairs in two columns; values in a monospace font so figures line up. */
export function Facts({ rows }: { rows: [label: ReactNode, value: ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([label, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed list per render
        <div key={i} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="min-w-0 font-mono text-xs leading-5 break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
