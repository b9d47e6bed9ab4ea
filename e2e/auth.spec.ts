import { expect, test } from "./fixtures";

test.describe("login", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a page asks for the password, refuses a wrong one, and logs in and out", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/default/db/0?match=app:*");
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("Wrong password.")).toBeVisible();
    await shot(page, "login-wrong");
    await page.getByLabel("Password").fill(process.env.E2E_PASSWORD as string);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/c\/default\/db\/0\?match=app/);
    await expect(page.getByTestId("key-row").first()).toBeVisible();
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login/);
    const api = await page.request.get("/api/connections");
    expect(api.status()).toBe(401);
  });

  test("a crafted ?next= cannot send the browser to another site after login", async ({
    page,
    baseURL,
  }) => {
    const origin = new URL(baseURL as string).origin;
    // Browsers read `/\host` and `/<tab>/host` as `//host`: another site.
    for (const next of ["/%5Cevil.example/x", "/%09/evil.example/x", "//evil.example/x"]) {
      await page.goto(`/login?next=${next}`);
      await page.getByLabel("Password").fill(process.env.E2E_PASSWORD as string);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page).toHaveURL(/\/c\/default\/db\/0/);
      expect(new URL(page.url()).origin, next).toBe(origin);
      await page.context().clearCookies();
    }
  });

  test("the API needs a session or the bearer token", async ({ request }) => {
    expect((await request.get("/api/health")).status()).toBe(200);
    expect((await request.get("/api/connections")).status()).toBe(401);
    const withToken = await request.get("/api/connections", {
      headers: { authorization: `Bearer ${process.env.E2E_TOKEN}` },
    });
    expect(withToken.status()).toBe(200);
    const wrongToken = await request.get("/api/connections", {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrongToken.status()).toBe(401);
  });
});

test("pages carry a strict CSP, nosniff and no framing", async ({ page }) => {
  const res = await page.goto("/c/default/db/0");
  const headers = res?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByTestId("key-row").first()).toBeVisible(); // the app still runs under that CSP
});

test("the audit log lists writes, newest first", async ({ page, redis }) => {
  await redis.set("audit:me", "1");
  const del = await page.request.delete("/api/connections/default/db/0/key?key=audit%3Ame", {
    headers: { origin: process.env.E2E_BASE_URL as string },
  });
  expect(del.status()).toBe(200);
  await page.goto("/audit");
  const table = page.getByTestId("audit-table");
  await expect(table).toContainText("DELETE /key");
  await expect(table).toContainText("audit:me");
  await page.getByLabel("Filter the audit log").fill("audit:me");
  await expect(table.locator("tbody tr")).toHaveCount(1);
});

test("a production connection asks to type the key name before deleting", async ({
  page,
  redis,
}) => {
  await redis.set("prod:danger", "1");
  await page.goto("/c/prod/db/0?key=prod%3Adanger");
  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog").getByRole("button", { name: "Delete" });
  await expect(confirm).toBeDisabled();
  await page.getByLabel("Type the key name to confirm").fill("prod:danger");
  await confirm.click();
  await expect.poll(() => redis.exists("prod:danger")).toBe(0);
});
