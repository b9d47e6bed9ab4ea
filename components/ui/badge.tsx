import type { ReactNode } from "react";
import { cn } from "./cn";

export const BADGE_TONES = {
  gray: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  blue: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-300",
  green: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300",
  amber: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-300",
  violet: "bg-violet-100 text-violet-800 dark:bg-violet-900/50 dark:text-violet-300",
  rose: "bg-rose-100 text-rose-800 dark:bg-rose-900/50 dark:text-rose-300",
  teal: "bg-teal-100 text-teal-800 dark:bg-teal-900/50 dark:text-teal-300",
  red: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-300",
} as const;

export function Badge({
  tone = "gray",
  className,
  children,
}: {
  tone?: keyof typeof BADGE_TONES;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={cn(
        "inline-flex shrink-0 items-center rounded px-1.5 py-0.5 font-mono text-[10px] font-semibold uppercase tracking-wide",
        BADGE_TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
