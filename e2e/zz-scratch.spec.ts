import { expect, test } from "./fixtures";
test("scratch", async ({ page }) => {
  await page.goto("/c/prod/db/0");
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/header-prod.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "/tmp/shots/header-prod-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/connections");
  await page.getByRole("button", { name: "Add connection" }).first().click();
  await page.getByLabel("TLS", { exact: true }).check();
  await page.getByLabel("Port", { exact: true }).fill("70000");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.screenshot({ path: "/tmp/shots/form.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "/tmp/shots/form-dark.png" });
});
