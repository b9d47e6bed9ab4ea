import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCS_END, DOCS_START, endpointTable } from "@/lib/endpoints/docs";

// docs/api.md lists the endpoints from their definitions; this fails when the list is stale.
// `UPDATE_DOCS=1 npx vitest run test/api/docs.test.ts` rewrites it.

const FILE = "docs/api.md";

describe("docs/api.md", () => {
  it("lists exactly the defined endpoints", () => {
    const text = readFileSync(FILE, "utf8");
    const start = text.indexOf(DOCS_START);
    const end = text.indexOf(DOCS_END);
    expect(start, `${FILE} has no generated endpoint list`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const current = text.slice(start, end + DOCS_END.length);
    const wanted = endpointTable();
    if (process.env.UPDATE_DOCS === "1" && current !== wanted)
      writeFileSync(FILE, text.replace(current, wanted));
    else expect(current).toBe(wanted);
  });
});
