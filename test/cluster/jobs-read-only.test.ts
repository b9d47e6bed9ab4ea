import { describe, expect, it } from "vitest";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";
import { finished, params, sizes, started } from "./jobs-common";

// Read-only mode on a cluster: the one server-side guard refuses bulk writes, flush and import
// before any master is touched; reads (a dry run, an analysis, an export) still run.

const c = withCluster({ env: { KEYSCOPE_READ_ONLY: "1" } });

describe("read-only mode on a cluster", () => {
  it("refuses bulk, flush and import, and every master keeps its keys", async () => {
    await c.seed(Array.from({ length: 600 }, (_, i) => `ro:${i}`));
    const writes = [
      call(r.bulk.POST, { params, method: "POST", body: { action: "delete", match: "*" } }),
      call(r.flush.POST, { params, method: "POST", body: { confirm: "0" } }),
      call(r.flushall.POST, {
        params: { conn: "default" },
        method: "POST",
        body: { confirm: "default" },
      }),
      call(r.importKeys.POST, { params, method: "POST", body: Buffer.from("") }),
    ];
    for (const { status, json } of await Promise.all(writes)) {
      expect(status).toBe(403);
      expect(json.error.code).toBe("READ_ONLY");
    }
    expect((await sizes(await c.masters())).reduce((a, b) => a + b, 0)).toBe(600);
    const dry = await finished(
      await started(
        call(r.bulk.POST, {
          params,
          method: "POST",
          body: { action: "delete", match: "ro:*", dryRun: true },
        }),
      ),
    );
    expect(dry).toMatchObject({ state: "done", matched: 600 });
  });
});
