"use client";
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { type ValueTarget, valueQueries } from "@/lib/queries";

/**
 * The name a filter spells out, if any: typed "field:42" becomes the glob "field:42*", and the
 * field called exactly "field:42" is looked up at once (HGET/SISMEMBER/ZSCORE on the server)
 * and shown first, whatever the scan has reached.
 */
export function literalOf(glob: string): string | null {
  const base = glob.endsWith("*") ? glob.slice(0, -1) : glob;
  return base !== "" && !/[*?[\]\\]/.test(base) ? base : null;
}

/** The exact lookup of a filter's literal (a page with `exact: true`), or nothing to do. */
export function useExactLookup<S extends z.ZodType>(
  t: ValueTarget,
  type: string,
  schema: S,
  glob: string,
) {
  const literal = literalOf(glob);
  return useQuery({
    ...valueQueries.window(t, type, schema, { match: literal ?? "" }),
    placeholderData: undefined, // never show another literal's answer while this one loads
    enabled: literal !== null,
  });
}

/** The exact hit first, then the scan's rows without it (ids from `id`). */
export function exactFirst<T>(exact: T[], rows: T[], id: (row: T) => string): T[] {
  if (exact.length === 0) return rows;
  const first = new Set(exact.map(id));
  return [...exact, ...rows.filter((r) => !first.has(id(r)))];
}

export function ExactBadge() {
  return (
    <span
      data-testid="exact-badge"
      title="Found by an exact lookup of the name typed"
      className="ml-1 rounded bg-indigo-100 px-1 font-sans text-[11px] whitespace-nowrap text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200"
    >
      exact match
    </span>
  );
}
