/**
 * `npm run bench:indexer [-- --listings N]`: the indexer at scale, on a fresh local chain.
 *
 * Publishes the demo market and N generated listings (default 20,000; SOUK_BENCH_LISTINGS too) packed into full
 * blocks, and orders for one listing in five (`--orders`) over 120 days of chain time (`--days`: shipped, confirmed,
 * half rated, a few declined, disputed and ruled; bench/orders.ts), then starts PostgreSQL (npm-installed, durable
 * settings) and the indexer and measures:
 *   - backfill: from starting the indexer until it serves the chain's head, and events per second; then until every
 *     document is fetched and searchable;
 *   - search latency over 23 request shapes (text, filters, sorts, pages), p50 and p95 of the server's own time
 *     (Server-Timing) and of the whole HTTP round trip on loopback;
 *   - the analytics the same way (bench/analytics-shapes.ts: /api/stats, each seller's dashboard queries, price
 *     suggestions, similar listings), once the funding checker has looked at every rated order (timed too);
 *   - memory (proportional set size) of Ponder, the API server and PostgreSQL with its backends;
 *   - the dApp on the indexer (production build) in Chromium: first results after navigation, and from a keystroke
 *     in the search box (or a category choice) to the results on screen changing, median and worst of 7 page loads.
 * Prints a table and writes bench-indexer-report.json. Run it on an idle machine.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import { encodeDocument, evidenceSchema, listingRegistryAbi } from "@souk/sdk";
import pg from "pg";
import type { Address } from "viem";

import { lastKeyToChange, launchChromium, stats, timeChange, type Stats } from "./bench/browser.ts";
import { analyticsShapes } from "./bench/analytics-shapes.ts";
import { measureShapes, printShapes, round, type Percentiles, type ShapeTimes } from "./bench/measure.ts";
import { packOrders } from "./bench/orders.ts";
import { queryShapes } from "./bench/query-shapes.ts";
import { benchListing } from "./bench/catalogue.ts";
import { mib, treeMemory } from "./bench/memory.ts";
import { startIpfsNode } from "./ipfs/node.ts";
import { devAccount, ROLES } from "./local/accounts.ts";
import { buildApp, startPreviewServer } from "./local/app.ts";
import { startChain } from "./local/chain.ts";
import { startIndexer, waitForIndex } from "./local/indexer.ts";
import { marketWriter, mapLimit } from "./local/market-writer.ts";
import { freePort } from "./local/ports.ts";
import { startPostgres } from "./local/postgres.ts";
import { startRelay } from "./relay/relay.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: flags } = parseArgs({
  options: {
    listings: { type: "string", default: process.env.SOUK_BENCH_LISTINGS ?? "20000" },
    /** Orders placed over `days` of chain time (default: one listing in five is bought). */
    orders: { type: "string" },
    days: { type: "string", default: "120" },
    runs: { type: "string", default: "20" },
    /** Keep everything running after measuring, until Ctrl-C (to look at the database: EXPLAIN ANALYZE…). */
    keep: { type: "boolean", default: false },
  },
});
const LISTINGS = Number(flags.listings);
const RUNS = Number(flags.runs);
if (!Number.isInteger(LISTINGS) || LISTINGS < 1) throw new Error(`--listings must be a positive whole number, not ${flags.listings}`);
const ORDERS = Number(flags.orders ?? Math.floor(LISTINGS / 5));
const DAYS = Number(flags.days);
if (!Number.isInteger(ORDERS) || ORDERS < 0 || ORDERS > LISTINGS) throw new Error(`--orders must be a whole number from 0 to --listings, not ${flags.orders}`);
if (!Number.isInteger(DAYS) || DAYS < 2) throw new Error(`--days must be a whole number of at least 2, not ${flags.days}`);

const CHAIN_ID = 31337;
/** Page loads in Chromium, and the words typed in each (common, typo, plural). */
const DAPP_RUNS = 7;
const SEARCH_WORDS = ["walnut", "headphnes", "scarves"];
/** Development accounts that publish the generated listings (the seeded market uses 0-6). */
const BENCH_SELLERS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
/** Development accounts that buy them (the seeded market's buyers, and the three accounts nobody else uses). */
const BENCH_BUYERS = [5, 6, 17, 18, 19];

async function main(): Promise<void> {
  const dir = path.join(ROOT, ".souk", `bench-indexer-${process.pid}`);
  await mkdir(dir, { recursive: true });
  // The deployment is recorded in this run's folder; the SDK's bindings are rewritten, as npm start does, so that
  // the dApp's build points at this chain.
  process.env.SOUK_IGNITION_DIR = path.join(dir, "ignition");
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
    await rm(dir, { recursive: true, force: true });
  };
  // Ctrl-C stops what was started, as the finally block would.
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    const chain = await startChain({ port: await freePort(), chainId: CHAIN_ID });
    stops.push(chain.stop);
    const ipfs = await startIpfsNode({ dataDir: path.join(dir, "ipfs"), apiPort: 0, gatewayPort: 0, allowedOrigins: [], fresh: true });
    stops.push(ipfs.stop);
    // The dApp's build needs a relay to talk to (messaging); nothing here uses it.
    const relay = await startRelay({ dataDir: path.join(dir, "relay"), port: 0, fresh: true });
    stops.push(relay.stop);
    const { deployLocal } = await import("./local/deploy.ts");
    const deployment = await deployLocal({ rpcUrl: chain.url, chainId: CHAIN_ID, feeRecipient: devAccount(ROLES.deployer).address });
    const { seedMarket } = await import("./seed/seed.ts");
    await seedMarket({ rpcUrl: chain.url, chainId: CHAIN_ID, ipfsApiUrl: ipfs.apiUrl, deployment });

    const writer = marketWriter({ rpcUrl: chain.url, ipfsApiUrl: ipfs.apiUrl, chainId: CHAIN_ID, market: deployment });
    const tokens = [
      { address: "0x0000000000000000000000000000000000000000" as Address, decimals: 18 },
      ...deployment.tokens.map((t) => ({ address: t.address as Address, decimals: t.decimals })),
    ];
    const sellers = BENCH_SELLERS.map((i) => devAccount(i).address);
    console.log(`Publishing ${LISTINGS.toLocaleString("en")} listings in full blocks…`);
    const publishStarted = performance.now();
    const inputs = Array.from({ length: LISTINGS }, (_, i) => benchListing(i, tokens));
    const firstListingId =
      (await writer.publicClient.readContract({ address: deployment.registry as Address, abi: listingRegistryAbi, functionName: "listingCount" })) + 1n;
    let reported = 0;
    const { blocks } = await writer.packListings(sellers, devAccount(ROLES.arbiter).address, inputs, (done) => {
      if (done - reported >= LISTINGS / 10 || done === LISTINGS) {
        reported = done;
        console.log(`  ${done.toLocaleString("en")} listings (${((performance.now() - publishStarted) / 1000).toFixed(0)} s)`);
      }
    });
    const publishSeconds = (performance.now() - publishStarted) / 1000;
    console.log(`Placing ${ORDERS.toLocaleString("en")} orders over ${DAYS} days of chain time…`);
    const ordersStarted = performance.now();
    const { blocks: orderBlocks } = await packOrders(
      writer,
      {
        rpcUrl: chain.url,
        market: deployment,
        tokens: deployment.tokens,
        listings: inputs,
        firstListingId,
        sellers,
        buyers: BENCH_BUYERS.map((i) => devAccount(i).address),
        arbiter: devAccount(ROLES.arbiter).address,
        orders: ORDERS,
        days: DAYS,
        evidenceDigest: await writer.uploadBytes(encodeDocument(evidenceSchema, { schema: "souk.evidence/1", text: "Not as described." })),
      },
      (day) => {
        if (day % 20 === 0 || day === DAYS) console.log(`  day ${day} (${((performance.now() - ordersStarted) / 1000).toFixed(0)} s)`);
      },
    );
    const ordersSeconds = (performance.now() - ordersStarted) / 1000;
    const head = Number(await writer.publicClient.getBlockNumber());
    const logs = await countLogs(chain.url, deployment);

    const postgres = await startPostgres({ dir: path.join(dir, "postgres"), port: await freePort(), freshDatabase: true, durable: true });
    stops.push(postgres.stop);
    console.log(`Indexing ${logs.toLocaleString("en")} events in ${head} blocks…`);
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const indexStarted = performance.now();
    const indexer = await startIndexer({
      port: await freePort(),
      databaseUrl: postgres.url,
      rpcUrl: chain.url,
      chainId: CHAIN_ID,
      gatewayUrls: [ipfs.gatewayUrl],
      corsOrigins: [appUrl],
    });
    stops.push(indexer.stop);
    await waitForIndex(indexer, head, 3_600_000);
    const backfillSeconds = (performance.now() - indexStarted) / 1000;
    let documents: Record<string, number> = {};
    for (;;) {
      documents = ((await (await fetch(`${indexer.url}/api/stats`)).json()) as { documents: Record<string, number> }).documents;
      if (documents.pending === 0 && documents.unavailable === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const searchableSeconds = (performance.now() - indexStarted) / 1000;
    console.log(`Indexed in ${backfillSeconds.toFixed(1)} s; every document searchable after ${searchableSeconds.toFixed(1)} s.`);

    const shapes = queryShapes(tokens.map((t) => t.address.toLowerCase()), sellers.slice(0, 3).map((s) => s.toLowerCase()));
    const search = await measureShapes(indexer.url, shapes, RUNS);

    // The dashboard's and /stats's queries, once the funding checker has looked at every rated order.
    const fundingStarted = performance.now();
    for (const seller of sellers) {
      for (;;) {
        const trust = (await (await fetch(`${indexer.url}/api/accounts/${seller}/trust`)).json()) as { fundingChecks: { pending: number } };
        if (trust.fundingChecks.pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    const fundingSeconds = (performance.now() - fundingStarted) / 1000;
    console.log(`Funding of every rated order checked ${fundingSeconds.toFixed(1)} s after the documents.`);
    const sampleIds = Array.from({ length: 10 }, (_, i) => firstListingId + BigInt(Math.floor((i * LISTINGS) / 10)));
    // A transaction that takes an id and commits: what indexing a block does to the market statistics' cache.
    const database = new pg.Client({ connectionString: postgres.url });
    await database.connect();
    const databaseChanged = async () => void (await database.query("SELECT pg_current_xact_id()"));
    const analytics = await measureShapes(
      indexer.url,
      analyticsShapes(tokens.map((t) => t.address.toLowerCase()), sellers.map((s) => s.toLowerCase()), sampleIds, databaseChanged),
      RUNS,
    );
    await database.end();
    // Printed at once too: the dApp's measurement below can fail on its own.
    console.log(`Analytics, ${analytics.perShape.length} shapes x ${RUNS} runs: server p50 ${analytics.server.p50} ms, p95 ${analytics.server.p95} ms (budget 100)`);
    printShapes(analytics.perShape);

    const memory = {
      ponder: treeMemory(indexer.processes[0]!.child.pid!),
      api: treeMemory(indexer.processes[1]!.child.pid!),
      postgres: treeMemory(postgres.process.child.pid!),
    };

    console.log("Building the dApp for this chain and measuring it in Chromium…");
    const appDir = path.join(dir, "dist");
    await buildApp(
      { chainId: CHAIN_ID, rpcUrl: chain.url, ipfsApiUrl: ipfs.apiUrl, gatewayUrls: [ipfs.gatewayUrl], relayUrls: [relay.url], indexerUrl: indexer.url },
      appDir,
    );
    const app = await startPreviewServer(appPort, appDir);
    stops.push(app.process.stop);
    const dapp = await measureDapp(appUrl);
    const report = {
      listings: LISTINGS,
      blocks: head,
      publishBlocks: blocks,
      events: logs,
      publishSeconds: round(publishSeconds),
      backfillSeconds: round(backfillSeconds),
      eventsPerSecond: Math.round(logs / backfillSeconds),
      searchableSeconds: round(searchableSeconds),
      documents,
      search: { runsPerShape: RUNS, shapes: search.perShape.length, ...search },
      orders: ORDERS,
      orderDays: DAYS,
      orderBlocks,
      ordersSeconds: round(ordersSeconds),
      fundingSeconds: round(fundingSeconds),
      analytics: { runsPerShape: RUNS, shapes: analytics.perShape.length, ...analytics },
      memoryBytes: memory,
      postgres: postgres.version,
      dapp,
      budgets: { searchP95Ms: 50, firstResultsMs: 1_000, keystrokeMs: 150, analyticsP95Ms: 100 },
    };
    printReport(report);
    await writeFile(path.join(ROOT, "bench-indexer-report.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log("\nWrote bench-indexer-report.json");
    if (flags.keep) {
      console.log(`\nKept running: API ${indexer.url}, DATABASE_URL=${postgres.url} (schema souk). Ctrl-C stops.`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    }
  } finally {
    await stopAll();
  }
}

/** The browse page on the indexer: first results, keystroke to results, category to results (7 page loads). */
async function measureDapp(url: string): Promise<{ firstResultsMs: Stats; keystrokeMs: Stats; lastKeystrokeMs: Stats; categoryMs: Stats }> {
  const browser = await launchChromium();
  const first: number[] = [];
  const keystroke: number[] = [];
  const lastKeystroke: number[] = [];
  const category: number[] = [];
  try {
    for (let run = 0; run < DAPP_RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "commit" });
      await page.locator('main a[href^="/listing/"]').first().waitFor({ state: "visible", timeout: 60_000 });
      first.push(await page.evaluate(() => performance.now()));
      const search = page.getByRole("searchbox").first();
      for (const word of SEARCH_WORDS) {
        keystroke.push(await timeChange(page, () => search.pressSequentially(word, { delay: 0 })));
        lastKeystroke.push(await lastKeyToChange(page));
        await timeChange(page, () => search.fill(""));
      }
      const select = page.getByLabel("Category").first();
      category.push(await timeChange(page, async () => void (await select.selectOption({ index: 1 + (run % 10) }))));
      category.push(await timeChange(page, async () => void (await select.selectOption({ index: 0 }))));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { firstResultsMs: stats(first), keystrokeMs: stats(keystroke), lastKeystrokeMs: stats(lastKeystroke), categoryMs: stats(category) };
}

/** Every log the indexer must handle: the three contracts' events from block 0. */
async function countLogs(rpcUrl: string, market: { registry: string; escrow: string; reputation: string }): Promise<number> {
  const counts = await mapLimit([market.registry, market.escrow, market.reputation], 3, async (address) => {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getLogs", params: [{ address, fromBlock: "0x0", toBlock: "latest" }] }),
    });
    return ((await response.json()) as { result: unknown[] }).result.length;
  });
  return counts.reduce((a, b) => a + b, 0);
}

function printReport(r: {
  listings: number;
  blocks: number;
  events: number;
  publishSeconds: number;
  backfillSeconds: number;
  eventsPerSecond: number;
  searchableSeconds: number;
  search: { runsPerShape: number; shapes: number; server: Percentiles; roundTrip: Percentiles; perShape: ShapeTimes[] };
  orders: number;
  orderDays: number;
  ordersSeconds: number;
  fundingSeconds: number;
  analytics: { runsPerShape: number; shapes: number; server: Percentiles; roundTrip: Percentiles; perShape: ShapeTimes[] };
  memoryBytes: { ponder: number; api: number; postgres: number };
  postgres: string;
  dapp: { firstResultsMs: Stats; keystrokeMs: Stats; lastKeystrokeMs: Stats; categoryMs: Stats };
}): void {
  console.log(`\nIndexer with ${r.listings.toLocaleString("en")} listings (${r.events.toLocaleString("en")} events in ${r.blocks} blocks; PostgreSQL ${r.postgres})\n`);
  console.log(`  published in                 ${r.publishSeconds} s`);
  console.log(`  backfill (start to head)     ${r.backfillSeconds} s, ${r.eventsPerSecond} events/s`);
  console.log(`  every document searchable    ${r.searchableSeconds} s after start`);
  console.log(`  memory                       Ponder ${mib(r.memoryBytes.ponder)}, API ${mib(r.memoryBytes.api)}, PostgreSQL ${mib(r.memoryBytes.postgres)}`);
  console.log(`\n  search, ${r.search.shapes} shapes x ${r.search.runsPerShape} runs: server p50 ${r.search.server.p50} ms, p95 ${r.search.server.p95} ms; round trip p50 ${r.search.roundTrip.p50} ms, p95 ${r.search.roundTrip.p95} ms\n`);
  const d = r.dapp;
  console.log(`  dApp (median / worst of ${d.firstResultsMs.runs} loads): first results ${d.firstResultsMs.median} / ${d.firstResultsMs.worst} ms (budget 1,000), keystroke to results ${d.keystrokeMs.median} / ${d.keystrokeMs.worst} ms (budget 150; from the word's last key ${d.lastKeystrokeMs.median} / ${d.lastKeystrokeMs.worst} ms), category to results ${d.categoryMs.median} / ${d.categoryMs.worst} ms\n`);
  printShapes(r.search.perShape);
  console.log(`\n  ${r.orders.toLocaleString("en")} orders over ${r.orderDays} days (placed in ${r.ordersSeconds} s); funding checks done ${r.fundingSeconds} s after the documents`);
  console.log(`  analytics, ${r.analytics.shapes} shapes x ${r.analytics.runsPerShape} runs: server p50 ${r.analytics.server.p50} ms, p95 ${r.analytics.server.p95} ms (budget 100); round trip p50 ${r.analytics.roundTrip.p50} ms, p95 ${r.analytics.roundTrip.p95} ms\n`);
  printShapes(r.analytics.perShape);
}

await main();
