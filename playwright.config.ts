import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium.mjs";

// e2e runs in Debian's Chromium (/usr/bin/chromium), never a downloaded browser. The global
// setup starts two throwaway redis-servers and a production build of Keyscope on free ports.
export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  // One worker: the specs share one Keyscope server, and one of them stops a Redis on purpose.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results/e2e-artifacts",
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    browserName: "chromium",
    viewport: { width: 1400, height: 860 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    // The session cookie global-setup got by logging in (auth is on in e2e, as in production).
    storageState: "test-results/e2e-state.json",
    trace: "off",
    screenshot: "only-on-failure",
  },
});
