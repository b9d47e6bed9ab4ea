import { test as base, expect, type Page } from "@playwright/test";
import { Redis } from "ioredis";

// Specs get `baseURL` (the Keyscope server from global-setup), `redis` (a client to the main
// throwaway Redis, for arranging data and checking what the UI did) and `shot`. Every spec
// also checks, automatically, that no response it received contains a secret: the Redis
// password, the login password or the API token.

type Fixtures = {
  redis: Redis;
  shot: (page: Page, name: string) => Promise<void>;
  secretsStayOnServer: undefined;
};

export const test = base.extend<Fixtures>({
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },
  redis: async ({}, use) => {
    const client = new Redis(process.env.E2E_REDIS_URL as string, { protocol: 2 });
    await use(client);
    client.disconnect();
  },
  shot: async ({}, use) => {
    await use(async (page, name) => {
      await page.screenshot({ path: `e2e/screenshots/${name}.png` });
    });
  },
  secretsStayOnServer: [
    async ({ page }, use) => {
      const secrets = JSON.parse(process.env.E2E_SECRETS ?? "[]") as string[];
      const leaks: string[] = [];
      const reads: Promise<void>[] = [];
      page.on("response", (res) => {
        reads.push(
          (async () => {
            // allHeaders() rejects once the page has closed (a response that lands as a test
            // ends); the headers Playwright already holds are still checked then.
            const headers = JSON.stringify(await res.allHeaders().catch(() => res.headers()));
            // An event stream's body never ends while the page listens (the tools' streams);
            // waiting for it would hold the test's teardown. Its headers are still checked.
            const stream = (res.headers()["content-type"] ?? "").startsWith("text/event-stream");
            const body = stream ? "" : await res.text().catch(() => "");
            for (const s of secrets)
              if (headers.includes(s) || body.includes(s))
                leaks.push(`${res.url()} contains a secret`);
          })(),
        );
      });
      await use(undefined);
      await Promise.all(reads);
      expect(leaks).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
