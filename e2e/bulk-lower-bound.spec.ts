import { expect, test } from "./fixtures";

// How the bulk progress shows a count that is only a lower bound (issue 9: a batch Redis did not
// answer in time may still run). The hang itself is tested against a SIGSTOPped redis-server in
// test/api/bulk-hang.test.ts; here the job's answers are rewritten to the states it goes
// through, so the page can be looked at in each: settling, then given up or made exact.

test("the bulk progress says 'at least N' while a batch's outcome is unknown", async ({
  page,
  redis,
  shot,
}) => {
  await redis.set("lb:1", "v");
  let phase: "settling" | "unknown" | "exact" = "settling";
  // Dry runs (which the dialog needs before a run is offered) are answered as they are.
  let armed = false;
  await page.route(/\/api\/jobs\/[0-9a-f-]{36}$/, async (route) => {
    const res = await route.fetch();
    const job = await res.json();
    // fulfill() keeps the response's headers: its Content-Length would cut the rewritten body.
    const { "content-length": _, ...headers } = res.headers();
    if (!armed || job.state === "running")
      return route.fulfill({ response: res, headers, json: job });
    const failed = {
      ...job,
      state: "failed",
      error: "Redis did not answer a batch within 5000 ms; it may still run when Redis goes on.",
      matched: 50_917,
      affected: phase === "exact" ? 50_938 : 50_917,
      affectedIsLowerBound: phase !== "exact",
      settling: phase === "settling",
    };
    return route.fulfill({ response: res, headers, json: failed });
  });
  await page.goto("/c/default/db/0");
  await page.getByRole("button", { name: /Bulk actions/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: "Set TTL" }).check();
  await dialog.getByLabel("Pattern").fill("lb:*");
  await dialog.getByLabel("TTL duration").fill("2h");
  const runAfterDryRun = async () => {
    armed = false;
    await dialog.getByRole("button", { name: /^Dry run/ }).click();
    const go = dialog.getByRole("button", { name: /^Set TTL on \d/ });
    await expect(go).toBeVisible();
    armed = true;
    await go.click();
  };
  await runAfterDryRun();
  const progress = dialog.getByTestId("bulk-progress");
  await expect(progress).toHaveAttribute("data-state", "failed");
  await expect(dialog.getByTestId("bulk-affected")).toHaveText("at least 50,917");
  await expect(dialog.getByTestId("bulk-lower-bound")).toContainText("Waiting for Redis to answer");
  await shot(page, "bulk-lower-bound-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(400); // the buttons' colour transitions
  await shot(page, "bulk-lower-bound-dark");
  // While settling the page keeps asking; the late answer makes the count exact.
  phase = "exact";
  await expect(dialog.getByTestId("bulk-affected")).toHaveText("50,938");
  await expect(dialog.getByTestId("bulk-lower-bound")).toHaveCount(0);
  // A late answer that never comes: the count stays "at least", and says why.
  phase = "unknown";
  await runAfterDryRun();
  await expect(dialog.getByTestId("bulk-lower-bound")).toContainText("may still have run");
  await expect(dialog.getByTestId("bulk-affected")).toHaveText("at least 50,917");
});
