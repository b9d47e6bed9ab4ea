import { expect, test } from "./fixtures";

// The audit page (issue 9): writes refused before login are counted above the table, not listed;
// a long key is cut and says how long it was; older entries come page by page.

const base = () => process.env.E2E_BASE_URL as string;
const keyUrl = (key: string) => `/api/connections/default/db/0/key?key=${encodeURIComponent(key)}`;

test("the audit page counts refusals, flags cut keys and loads older entries", async ({
  page,
  redis,
  shot,
}) => {
  // Without a session: refused with 401, counted, not written.
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${base()}${keyUrl(`flood:${"k".repeat(14_000)}${i}`)}`, {
      method: "DELETE",
    });
    expect(res.status).toBe(401);
  }
  const headers = { origin: base() };
  const long = `audit:long:${"x".repeat(3000)}:tail`;
  await redis.set(long, "1");
  expect((await page.request.delete(keyUrl(long), { headers })).status()).toBe(200);
  // More than one page (200 entries) of writes.
  for (let from = 0; from < 210; from += 30)
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        page.request.delete(keyUrl(`audit:page:${from + i}`), { headers }),
      ),
    );

  await page.goto("/audit");
  await expect(page.getByTestId("audit-refused")).toContainText(/\d+ without a login/);
  const table = page.getByTestId("audit-table");
  await expect(table.locator("tbody tr")).toHaveCount(200);
  const more = page.getByTestId("audit-more");
  await expect(more).toContainText("entries from the newest");
  await more.getByRole("button", { name: "Load older" }).click();
  await expect(table.locator("tbody tr").nth(200)).toBeVisible();
  await expect(table).toContainText(`key cut · ${(long.length).toLocaleString("en-US")} long`);
  await expect(table).not.toContainText("flood:");

  await page.getByLabel("Filter the audit log").fill("audit:long");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(more).toContainText("that is all the log keeps");
  await shot(page, "audit-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "audit-dark");
});
