/**
 * `npm run bench:dapp`: how fast the browse page is with 1,000 listings on the local chain, in the chain-only mode
 * (no indexer: the catalogue is rebuilt from logs in the browser). `npm run bench:indexer` measures the dApp on the
 * indexer.
 *
 * Starts the stack like the browser tests do (production build served by `vite preview`, fresh IPFS store, no demo
 * seed), publishes 1,000 listings through the IPFS API and the registry (several sellers, every category, ETH and both
 * demo tokens, real images), then in Chromium measures:
 *   - first results: from navigation start until the first listing card is on screen (budget 2 s);
 *   - search/filter latency: from a keystroke in the search box, or a category choice, until the results on screen
 *     have changed (budget 100 ms), median and worst of several runs.
 * Prints a table and writes bench-dapp-report.json. Numbers vary with the machine; run it on an idle one.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import {
  CATEGORIES,
  cidToDigest,
  encodeDocument,
  listingMetadataSchema,
  listingRegistryAbi,
} from "@souk/sdk";
import { addVerified } from "@souk/sdk/upload";
import { create as createIpfsClient } from "kubo-rpc-client";
import { createWalletClient, encodeFunctionData, http, parseUnits, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { launchChromium, stats, timeChange, type Stats } from "./bench/browser.ts";
import { DEV_MNEMONIC } from "./local/accounts.ts";
import { rpc } from "./local/chain.ts";
import { startStack } from "./local/stack.ts";
import { localChain } from "./seed/seed.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const LISTINGS = Number(process.env.SOUK_BENCH_LISTINGS ?? 1_000);
const RUNS = 7;
/** In the oldest listing's description only: the browse page loads newest first, so finding it means all are in. */
const OLDEST_MARKER = "zebrawood-benchmark-marker";

const ADJECTIVES = ["Vintage", "Handmade", "Restored", "Compact", "Classic", "Organic", "Minimal", "Rustic", "Limited", "Vivid"];
const NOUNS = ["lamp", "mug", "jacket", "camera", "chair", "print", "speaker", "teapot", "backpack", "bicycle", "notebook", "vase"];

async function main(): Promise<void> {
  console.log(`Starting the stack (production build) and publishing ${LISTINGS} listings…`);
  const stack = await startStack({ runDir: path.join(ROOT, ".souk", `bench-${process.pid}`), seed: false, indexer: false });
  try {
    const { rpcUrl, deployment } = stack;
    const publishStarted = performance.now();
    await publishListings(rpcUrl, stack.ipfsApiUrl, deployment.registry as Address, deployment.tokens);
    const publishSeconds = (performance.now() - publishStarted) / 1000;
    console.log(`Published ${LISTINGS} listings in ${publishSeconds.toFixed(1)} s. Measuring in Chromium…`);

    const result = await measure(`${stack.appUrl}/`);
    const report = { listings: LISTINGS, ...result, budgets: { firstResultsMs: 2_000, filterMs: 100 } };
    printReport(report);
    await writeFile(path.join(ROOT, "bench-dapp-report.json"), JSON.stringify(report, null, 2) + "\n");
    console.log("\nWrote bench-dapp-report.json");
  } finally {
    await stack.stop();
  }
}

async function publishListings(
  rpcUrl: string,
  ipfsApiUrl: string,
  registry: Address,
  tokens: ReadonlyArray<{ address: string; decimals: number }>,
): Promise<void> {
  const ipfs = createIpfsClient({ url: ipfsApiUrl });
  const imageDir = path.join(ROOT, "scripts", "seed", "images");
  const images: string[] = [];
  for (const file of (await readdir(imageDir)).filter((f) => f.endsWith(".webp")).sort()) {
    images.push(await addVerified(ipfs, new Uint8Array(await readFile(path.join(imageDir, file)))));
  }
  const sellers = [11, 12, 13, 14].map((i) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: i }));
  const arbiter = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 15 }).address;
  const chain = localChain(31337, rpcUrl);
  const payment = [{ address: "0x0000000000000000000000000000000000000000", decimals: 18 }, ...tokens];

  // Metadata documents first (8 uploads in flight), then the transactions, one stream per seller.
  const digests: `0x${string}`[] = new Array(LISTINGS);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < LISTINGS) {
        const i = next++;
        const title = `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[(i * 7) % NOUNS.length]} no. ${i + 1}`;
        const bytes = encodeDocument(listingMetadataSchema, {
          schema: "souk.listing/1",
          title,
          description: `${title}. Listing ${i + 1} of the benchmark catalogue, described in a couple of sentences so that search has text to go through. Ships within a few days.${i === 0 ? ` ${OLDEST_MARKER}` : ""}`,
          category: CATEGORIES[i % CATEGORIES.length]!,
          images: [{ cid: images[i % images.length]!, type: "image/webp", width: 800, height: 600 }],
          attributes: [{ name: "Batch", value: String(Math.floor(i / 100)) }],
        });
        digests[i] = cidToDigest(await addVerified(ipfs, bytes));
      }
    }),
  );
  await Promise.all(
    sellers.map(async (seller, s) => {
      const wallet = createWalletClient({ account: seller, chain, transport: http(rpcUrl) });
      let nonce = Number(await rpc<string>(rpcUrl, "eth_getTransactionCount", [seller.address, "latest"]));
      let last: `0x${string}` | undefined;
      for (let i = s; i < LISTINGS; i += sellers.length) {
        const token = payment[i % payment.length]!;
        const data = encodeFunctionData({
          abi: listingRegistryAbi,
          functionName: "createListing",
          args: [
            {
              token: token.address as Address,
              price: parseUnits(String(1 + (i % 97)), token.decimals) / 100n,
              stock: BigInt(1 + (i % 20)),
              arbiter,
              arbiterFeeBps: 200n,
              fulfillmentWindow: 3n * 86_400n,
              confirmationWindow: 7n * 86_400n,
              metadataDigest: digests[i]!,
            },
          ],
        });
        last = await wallet.sendTransaction({ to: registry, data, nonce: nonce++, gas: 200_000n });
      }
      if (last !== undefined) await waitForReceipt(rpcUrl, last);
    }),
  );
  const count = await rpc<string>(rpcUrl, "eth_call", [
    { to: registry, data: encodeFunctionData({ abi: listingRegistryAbi, functionName: "listingCount" }) },
    "latest",
  ]);
  if (Number(count) !== LISTINGS) throw new Error(`Expected ${LISTINGS} listings, found ${Number(count)}`);
}

async function waitForReceipt(rpcUrl: string, hash: string): Promise<void> {
  for (;;) {
    const receipt = await rpc<{ status: string } | null>(rpcUrl, "eth_getTransactionReceipt", [hash]);
    if (receipt !== null) {
      if (receipt.status !== "0x1") throw new Error(`Transaction ${hash} reverted`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Measurements {
  firstResultsMs: number[];
  searchMs: number[];
  categoryMs: number[];
}

async function measure(url: string): Promise<{ firstResultsMs: Stats; searchMs: Stats; categoryMs: Stats }> {
  const browser = await launchChromium();
  const m: Measurements = { firstResultsMs: [], searchMs: [], categoryMs: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "commit" });
      await page.locator('main a[href^="/listing/"]').first().waitFor({ state: "visible", timeout: 30_000 });
      m.firstResultsMs.push(await page.evaluate(() => performance.now()));

      // Wait until the whole catalogue's metadata is in (search covers every listing), then time changes.
      const search = page.getByRole("searchbox").first();
      await search.fill(OLDEST_MARKER);
      await page.locator('main a[href^="/listing/1"]').first().waitFor({ state: "visible", timeout: 120_000 });
      await search.fill("");
      await page.locator('main a[href^="/listing/"]').nth(5).waitFor({ state: "visible" });
      m.searchMs.push(await timeChange(page, async () => search.pressSequentially("lamp", { delay: 0 })));
      m.searchMs.push(await timeChange(page, async () => search.fill("")));
      const category = page.getByLabel(/category/i).first();
      m.categoryMs.push(await timeChange(page, async () => void (await category.selectOption({ index: 2 }))));
      m.categoryMs.push(await timeChange(page, async () => void (await category.selectOption({ index: 0 }))));
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { firstResultsMs: stats(m.firstResultsMs), searchMs: stats(m.searchMs), categoryMs: stats(m.categoryMs) };
}

function printReport(report: { listings: number; firstResultsMs: Stats; searchMs: Stats; categoryMs: Stats }): void {
  const row = (what: string, s: Stats, budget: number) =>
    `${what.padEnd(34)}${`${s.median} ms`.padStart(10)}${`${s.worst} ms`.padStart(10)}${`<= ${budget} ms`.padStart(12)}  ${s.median <= budget ? "ok" : "OVER"}`;
  console.log(`\nBrowse page with ${report.listings} listings (median and worst of ${report.firstResultsMs.runs} page loads)\n`);
  console.log(`${"measure".padEnd(34)}${"median".padStart(10)}${"worst".padStart(10)}${"budget".padStart(12)}`);
  console.log(row("first results after navigation", report.firstResultsMs, 2_000));
  console.log(row("search keystroke -> results", report.searchMs, 100));
  console.log(row("category filter -> results", report.categoryMs, 100));
}


await main();
