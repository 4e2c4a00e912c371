import { defineConfig } from "@playwright/test";

/** One id per run (the workers inherit it), so that runs side by side never share a stack or artifacts. */
const run = (process.env.SOUK_E2E_RUN ??= String(process.pid));

/**
 * Browser tests of the real dApp (production build served by `vite preview`) against the real local stack (chain,
 * IPFS node, contracts, seeded market), started by e2e/support/global-setup.ts on free loopback ports and stopped
 * after. Debian's Chromium, headless. Failure artifacts (screenshot, console log, trace) go to
 * e2e/artifacts/run-<id>/.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: `e2e/artifacts/run-${run}/results`,
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { outputFolder: `e2e/artifacts/run-${run}/report`, open: "never" }]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    actionTimeout: 20_000,
    launchOptions: {
      executablePath: process.env.SOUK_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
