import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// The Celery page on real kombu / Celery bytes (fixtures/python-apps.json: its broker db and
// its result backend db, both written into db 14 here, which no other spec uses), and on an
// empty database (15's neighbour 14 flushed). Screenshots light, dark and empty.

const DB = 14;

type FixtureKey = { db: number; key: string; type: string; value: string | string[] };

async function seed(redis: Redis) {
  const { keys } = JSON.parse(readFileSync("fixtures/python-apps.json", "utf8")) as {
    keys: FixtureKey[];
  };
  await redis.select(DB);
  await redis.flushdb();
  const b = (s: string) => Buffer.from(s, "base64");
  for (const k of keys.filter((x) => x.db === 2 || x.db === 3)) {
    if (k.type === "string") await redis.set(b(k.key), b(k.value as string));
    else if (k.type === "list") await redis.rpush(b(k.key), ...(k.value as string[]).map(b));
    else if (k.type === "set") await redis.sadd(b(k.key), ...(k.value as string[]).map(b));
  }
  // One message a worker holds, 90 s ago.
  const [msg] = (await redis.lrange("celery", 0, 0)) as [string];
  await redis.hset("unacked", "tag-e2e", JSON.stringify([JSON.parse(msg), "", "celery"]));
  await redis.zadd("unacked_index", Date.now() / 1000 - 90, "tag-e2e");
}

test.describe("the Celery page", () => {
  test.afterAll(async ({ redis }) => {
    await redis.select(DB);
    await redis.flushdb();
  });

  test("opens from the Tools menu: queues with priority steps, messages, in flight, results", async ({
    page,
    redis,
    shot,
  }) => {
    await seed(redis);
    await page.goto(`/c/default/db/${DB}`);
    await page.getByRole("button", { name: /^Tools/ }).click();
    await page
      .getByRole("menu", { name: "Tools" })
      .getByRole("menuitem", { name: "Celery" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/c/default/db/${DB}/celery$`));
    await expect(page).toHaveTitle("Celery · Keyscope");

    const queues = page.getByTestId("celery-queue");
    await expect(queues).toHaveCount(3);
    const celery = queues.filter({ hasText: /^celery/ }).first();
    // 1 message in `celery` + 1 in its priority sub-queue `celery\x06\x163`.
    await expect(celery.getByTestId("celery-queue-length")).toHaveText("2");
    await expect(celery).toContainText("plain: 1");
    await expect(celery).toContainText("step 3: 1");
    await expect(celery).toContainText("proj.resize_image");

    // The busiest queue's messages open by themselves: the next to run first.
    const messages = page.getByTestId("celery-messages");
    await expect(messages).toContainText("Messages of celery");
    await expect(messages.getByTestId("celery-message")).toHaveCount(2);
    const first = messages.getByTestId("celery-message").first();
    await expect(first.getByTestId("celery-args")).toHaveText("[501]");
    await expect(first.getByTestId("celery-kwargs")).toContainText("grace@example.org");
    await expect(messages.getByTestId("celery-message").nth(1)).toContainText("step 3");

    await expect(page.getByTestId("celery-unacked")).toContainText("In flight (1 unacked)");
    await expect(page.getByTestId("celery-unacked")).toContainText(/held 1m ?30s|held 1m/);

    const failure = page.getByTestId("celery-result").filter({ hasText: "FAILURE" });
    await expect(failure).toContainText("ValueError: image too large");
    await failure.getByText("Traceback", { exact: true }).click();
    await expect(failure.getByTestId("celery-traceback")).toContainText(
      "raise ValueError('image too large')",
    );
    await expect(page.getByTestId("celery-result").filter({ hasText: "SUCCESS" })).toContainText(
      "grace@example.org",
    );
    await shot(page, "celery-results-light");
    await page.getByTestId("celery").evaluate((e) => e.scrollTo(0, 0));
    await shot(page, "celery-light");

    // Another queue: an ETA'd message.
    await queues
      .filter({ hasText: /^media/ })
      .first()
      .click();
    await expect(messages).toContainText("Messages of media");
    await expect(messages).toContainText("eta 2026-11-21T23:18:27.760210+00:00");

    // A pickled body (application/x-python-serialize), read by Keyscope's inert pickle reader.
    await queues
      .filter({ hasText: /^pickled/ })
      .first()
      .click();
    await expect(messages).toContainText("Messages of pickled");
    await expect(messages.getByTestId("celery-args")).toContainText("datetime.datetime(2024");
    await shot(page, "celery-pickled-light");

    await page.emulateMedia({ colorScheme: "dark" });
    await queues
      .filter({ hasText: /^celery/ })
      .first()
      .click();
    await expect(messages).toContainText("Messages of celery");
    await page.getByTestId("celery").evaluate((e) => e.scrollTo(0, 0));
    await shot(page, "celery-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("says so on a database with no Celery data", async ({ page, redis, shot }) => {
    await redis.select(DB);
    await redis.flushdb();
    await redis.set("celeryx", "not Celery");
    await page.goto(`/c/default/db/${DB}/celery`);
    await expect(page.getByText(`No Celery queue in db ${DB}`)).toBeVisible();
    await expect(page.getByTestId("celery-unacked")).toContainText("In flight (0 unacked)");
    await expect(page.getByTestId("celery-results")).toContainText("No celery-task-meta-* key");
    await shot(page, "celery-empty");
  });
});
