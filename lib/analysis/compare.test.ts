import { describe, expect, test } from "vitest";
import { compareReports } from "./compare";
import { createReportBuilder } from "./report-builder";
import { meta, sample } from "./test-helpers";

function report(id: string, keys: [string, number, string?][]) {
  const b = createReportBuilder({ delimiter: ":" });
  for (const [k, m, type] of keys) b.add(sample(k, { memoryBytes: m, type: type ?? "string" }));
  return b.finish(meta({ id }));
}

describe("compareReports", () => {
  test("per-type deltas and the namespaces that changed most, union of both", () => {
    const before = report("a", [
      ["grow:1:x", 100],
      ["shrink:k", 500],
      ["same:k", 50],
      ["gone:k", 30, "hash"],
    ]);
    const after = report("b", [
      ["grow:1:x", 100],
      ["grow:2:x", 900],
      ["shrink:k", 200],
      ["same:k", 50],
      ["new:k", 10, "set"],
    ]);
    const c = compareReports(before, after);
    expect(c.before).toMatchObject({ id: "a", keys: 4, memoryBytes: 680 });
    expect(c.after).toMatchObject({ id: "b", keys: 5, memoryBytes: 1260 });
    expect(c.byType).toEqual([
      { type: "string", keysBefore: 3, keysAfter: 4, memoryBefore: 650, memoryAfter: 1250 },
      { type: "hash", keysBefore: 1, keysAfter: 0, memoryBefore: 30, memoryAfter: 0 },
      { type: "set", keysBefore: 0, keysAfter: 1, memoryBefore: 0, memoryAfter: 10 },
    ]);
    expect(c.namespaces.map((d) => [d.prefix.toString(), d.memoryBefore, d.memoryAfter])).toEqual([
      ["grow", 100, 1000],
      ["shrink", 500, 200],
      ["gone", 30, 0],
      ["new", 0, 10],
    ]);
    expect(c.namespaces[0]).toMatchObject({ depth: 1, keysBefore: 1, keysAfter: 2 });
  });

  test("at most 200 rows, biggest change first", () => {
    const many = (id: string, f: number) =>
      report(
        id,
        Array.from(
          { length: 300 },
          (_, i) =>
            [
              `n${"abcdefghij"[i % 10]}${"abcdefghij"[Math.floor(i / 10) % 10]}${"abc"[Math.floor(i / 100)]}:k`,
              (i + 1) * f,
            ] as [string, number],
        ),
      );
    const c = compareReports(many("a", 1), many("b", 2));
    expect(c.namespaces).toHaveLength(200);
    expect(c.namespaces[0]?.memoryAfter).toBe(600);
    const changes = c.namespaces.map((d) => d.memoryAfter - d.memoryBefore);
    expect(changes).toEqual([...changes].sort((x, y) => y - x));
  });
});
