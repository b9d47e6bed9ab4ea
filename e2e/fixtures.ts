import { test as base, expect, type Page } from "@playwright/test";
import { Redis } from "ioredis";

// Specs get `baseURL` (the Keyscope server from global-setup) and `redis`: a client to the
// throwaway main Redis for arranging data and checking what the UI did.

type Fixtures = { redis: Redis; shot: (page: Page, name: string) => Promise<void> };

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
});

export { expect };
