import type { Comparison, Report } from "@/lib/schemas/analysis";
import { upsert } from "./maps";

// Two reports side by side (GET …/analysis/{id}/compare?with=): per-type deltas and the namespace
// rows that changed most. A namespace missing from one report counts as 0 there (it was absent, or
// too small to be listed: the page says "not listed").

/** Namespace rows in a comparison, biggest |memory change| first. */
export const MAX_COMPARE_ROWS = 200;

type Row = Report["namespaces"][number];

export function compareReports(before: Report, after: Report): Comparison {
  const types = new Map<string, Comparison["byType"][number]>();
  const typeRow = (type: string) =>
    upsert(types, type, () => ({
      type,
      keysBefore: 0,
      keysAfter: 0,
      memoryBefore: 0,
      memoryAfter: 0,
    }));
  for (const t of before.byType)
    Object.assign(typeRow(t.type), { keysBefore: t.keys, memoryBefore: t.memoryBytes });
  for (const t of after.byType)
    Object.assign(typeRow(t.type), { keysAfter: t.keys, memoryAfter: t.memoryBytes });

  const rows = new Map<string, Comparison["namespaces"][number]>();
  // Depth and the (other) flag are part of a row's identity: "a" at depth 1 is not "a" at depth 2.
  const nsRow = (r: Row) =>
    upsert(rows, `${r.depth}\0${r.other ? 1 : 0}\0${r.prefix.toString("latin1")}`, () => ({
      prefix: r.prefix,
      depth: r.depth,
      keysBefore: 0,
      keysAfter: 0,
      memoryBefore: 0,
      memoryAfter: 0,
    }));
  for (const r of before.namespaces)
    Object.assign(nsRow(r), { keysBefore: r.keys, memoryBefore: r.memoryBytes });
  for (const r of after.namespaces)
    Object.assign(nsRow(r), { keysAfter: r.keys, memoryAfter: r.memoryBytes });

  const change = (d: { memoryBefore: number; memoryAfter: number }) =>
    Math.abs(d.memoryAfter - d.memoryBefore);
  const keyChange = (d: { keysBefore: number; keysAfter: number }) =>
    Math.abs(d.keysAfter - d.keysBefore);
  const namespaces = [...rows.values()]
    .filter((d) => change(d) > 0 || keyChange(d) > 0)
    .sort((a, b) => change(b) - change(a) || keyChange(b) - keyChange(a) || a.depth - b.depth)
    .slice(0, MAX_COMPARE_ROWS);

  return {
    before: summary(before),
    after: summary(after),
    byType: [...types.values()].sort(
      (a, b) => change(b) - change(a) || a.type.localeCompare(b.type),
    ),
    namespaces,
  };
}

function summary(r: Report): Comparison["before"] {
  return {
    id: r.id,
    db: r.db,
    mode: r.mode,
    createdAt: r.createdAt,
    keys: r.keys,
    memoryBytes: r.memoryBytes,
    ...(r.estimated ? { estimated: true } : {}),
  };
}
