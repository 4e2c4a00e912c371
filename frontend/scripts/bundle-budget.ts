/**
 * The JavaScript a first visit to the browse page really downloads, against its budget (220 KB gzip): the production
 * build behind `vite preview` on a local stack with the demo market (started by scripts/local/stack.ts), loaded in
 * Chromium with an empty cache; every script response that arrives before the first listing shows is counted, at
 * the size gzip gives its bytes (what a compressing server would send). Loads three times and keeps the largest.
 * Exits 1 over budget. Prints the scripts, so a regression shows where it comes from.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";

import { chromium, type Response } from "@playwright/test";

import { startStack } from "../../scripts/local/stack.ts";

export const BUDGET_KB = 220;
const LOADS = 3;
const ROOT = path.resolve(import.meta.dirname, "..", "..");

interface Load {
  scripts: Array<{ url: string; gzipKb: number }>;
  totalKb: number;
  firstResultsMs: number;
}

async function measureLoad(appUrl: string, browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const arrived: Array<Promise<{ url: string; gzipKb: number }>> = [];
  let done = false;
  const isScript = (response: Response) =>
    response.request().resourceType() === "script" || /javascript/.test(response.headers()["content-type"] ?? "");
  page.on("response", (response) => {
    if (done || !isScript(response)) return;
    arrived.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, gzipKb: gzipSync(body).length / 1024 })));
  });
  const started = performance.now();
  await page.goto(`${appUrl}/`, { waitUntil: "commit" });
  await page.locator('main a[href^="/listing/"]').first().waitFor({ state: "visible", timeout: 60_000 });
  done = true;
  const firstResultsMs = performance.now() - started;
  const scripts = (await Promise.all(arrived)).sort((a, b) => b.gzipKb - a.gzipKb);
  await context.close();
  return { scripts, totalKb: scripts.reduce((sum, s) => sum + s.gzipKb, 0), firstResultsMs };
}

async function main(): Promise<void> {
  console.log("Starting the local stack (production build, demo market) to measure the browse page…");
  const stack = await startStack({ runDir: path.join(ROOT, ".souk", `bundle-${process.pid}`) });
  const browser = await chromium.launch({
    executablePath: process.env.SOUK_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await measureLoad(stack.appUrl, browser));
    const worst = loads.reduce((a, b) => (b.totalKb > a.totalKb ? b : a));
    console.log("\nScripts downloaded before the browse page's first results (largest of 3 cold loads):");
    for (const s of worst.scripts) console.log(`  ${s.url.padEnd(52)}${s.gzipKb.toFixed(1).padStart(9)} KB gzip`);
    console.log(`  ${"total".padEnd(52)}${worst.totalKb.toFixed(1).padStart(9)} KB gzip (budget ${BUDGET_KB} KB)`);
    console.log(`  loads: ${loads.map((l) => `${l.totalKb.toFixed(1)} KB in ${l.scripts.length} scripts`).join(", ")}`);
    if (worst.totalKb > BUDGET_KB) {
      console.error(`\nThe browse page downloads ${worst.totalKb.toFixed(1)} KB gzip of JavaScript, over the ${BUDGET_KB} KB budget.`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

await main();
