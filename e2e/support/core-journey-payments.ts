/**
 * Helpers for e2e/core-journey.spec.ts and e2e/payments.spec.ts: a second (or third) person in their own browser
 * context with their own wallet, listings and purchases set up straight on the chain when a test is not about them,
 * exact chain reads (token balances, allowances, gas paid, withdrawals), and the screenshots of the main pages.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";

import type { Browser, BrowserContext, Locator, Page, TestInfo } from "@playwright/test";
import { cidToDigest } from "@souk/sdk/cid";
import { demoTokenAbi, ETH, escrowAbi, listingRegistryAbi } from "@souk/sdk/contracts";
import { encodeDocument, listingMetadataSchema, type Category } from "@souk/sdk/schemas";
import { addVerified } from "@souk/sdk/upload";
import { create as createIpfsClient } from "kubo-rpc-client";
import { decodeFunctionData, erc20Abi, parseEventLogs, type Address, type Hash, type Hex, type LocalAccount } from "viem";

import { expect, test, type Market } from "./fixtures.ts";
import type { Stack } from "./stack.ts";
import { TestWallet } from "./wallet.ts";

export const HOUR = 3_600n;
export const DAY = 86_400n;
/** The protocol fee of the local deployment (ignition/modules/Souk.ts default), in basis points. */
export const PROTOCOL_FEE_BPS = 100n;
export const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "artifacts", "screenshots");

/** The seller's share of a completed order: the amount minus the protocol fee, as the escrow computes it. */
export function sellerShareOfCompleted(amount: bigint, protocolFeeBps = PROTOCOL_FEE_BPS): { seller: bigint; protocol: bigint } {
  const protocol = (amount * protocolFeeBps) / 10_000n;
  return { seller: amount - protocol, protocol };
}

/** A short random word, so that a test's listing is the only match of a search in a shared, seeded market. */
export function uniqueWord(): string {
  return `zq${Math.random().toString(36).slice(2, 8)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// People in their own browser contexts
// ---------------------------------------------------------------------------------------------------------------

export interface Person {
  context: BrowserContext;
  page: Page;
  wallet: TestWallet;
  console: string[];
}

const opened: Array<{ name: string; person: Person }> = [];

/**
 * Another person in a fresh browser context (own storage, own wallet holding `accounts`, the first selected), with
 * the page's console kept for the failure report. Close them with `closePeople` in an afterEach.
 */
export async function openPerson(
  browser: Browser,
  stack: Stack,
  name: string,
  accounts: LocalAccount[],
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Person> {
  const context = await browser.newContext({ baseURL: stack.appUrl, viewport: options.viewport ?? { width: 1280, height: 800 } });
  const wallet = new TestWallet({ accounts, rpcUrl: stack.rpcUrl, chainId: stack.chainId, otherChainIds: [1, 11155111] });
  await wallet.install(context);
  const page = await context.newPage();
  const lines: string[] = [];
  page.on("console", (message) => lines.push(`[${message.type()}] ${message.text()}`));
  page.on("pageerror", (error) => lines.push(`[pageerror] ${error.message}`));
  const person = { context, page, wallet, console: lines };
  opened.push({ name, person });
  return person;
}

/** Attaches the other people's console logs when the test failed, and closes their contexts. */
export async function closePeople(testInfo: TestInfo): Promise<void> {
  const people = opened.splice(0);
  for (const { name, person } of people) {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach(`console-${name}.log`, { body: person.console.join("\n"), contentType: "text/plain" });
    }
    await person.context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up straight on the chain (for what a test is not about)
// ---------------------------------------------------------------------------------------------------------------

/** Stores a listing's metadata document on the stack's IPFS node like the dApp does (CIDv1, raw) and returns its digest. */
export async function publishListingDocument(
  stack: Stack,
  document: { title: string; description: string; category: Category },
): Promise<Hex> {
  const bytes = encodeDocument(listingMetadataSchema, {
    schema: "souk.listing/1",
    title: document.title,
    description: document.description,
    category: document.category,
    images: [],
    attributes: [],
    delivery: { method: "shipping" },
  });
  return cidToDigest(await addVerified(createIpfsClient({ url: stack.ipfsApiUrl }), bytes));
}

export interface ListingSetup {
  token?: Address;
  price: bigint;
  stock: bigint;
  arbiter: Address;
  arbiterFeeBps?: bigint;
  fulfillmentWindow?: bigint;
  confirmationWindow?: bigint;
  title: string;
  description?: string;
  category?: Category;
}

/** Lists an item from `seller` through the registry (with a real metadata document) and returns the listing id. */
export async function listItem(market: Market, seller: LocalAccount, setup: ListingSetup): Promise<bigint> {
  const digest = await publishListingDocument(market.stack, {
    title: setup.title,
    description: setup.description ?? `${setup.title}: set up by an end-to-end test.`,
    category: setup.category ?? "Other",
  });
  const receipt = await market.write(seller, market.stack.registry, listingRegistryAbi, "createListing", [
    {
      token: setup.token ?? ETH,
      price: setup.price,
      stock: setup.stock,
      arbiter: setup.arbiter,
      arbiterFeeBps: setup.arbiterFeeBps ?? 200n,
      fulfillmentWindow: setup.fulfillmentWindow ?? 3n * DAY,
      confirmationWindow: setup.confirmationWindow ?? 7n * DAY,
      metadataDigest: digest,
    },
  ]);
  const created = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingCreated" });
  expect(created).toHaveLength(1);
  return created[0]!.args.listingId;
}

/** `buyer` buys `quantity` units at the listing's current price and version (approving a token first). Returns the order id. */
export async function buyDirect(market: Market, buyer: LocalAccount, listingId: bigint, quantity = 1n): Promise<bigint> {
  const listing = await market.listing(listingId);
  const total = listing.price * quantity;
  const args = [listingId, quantity, listing.version] as const;
  const receipt =
    listing.token === ETH
      ? await market.write(buyer, market.stack.escrow, escrowAbi, "buy", args, total)
      : (await market.write(buyer, listing.token, erc20Abi, "approve", [market.stack.escrow, total]),
        await market.write(buyer, market.stack.escrow, escrowAbi, "buy", args));
  const placed = parseEventLogs({ abi: escrowAbi, logs: receipt.logs, eventName: "OrderPlaced" });
  expect(placed).toHaveLength(1);
  return placed[0]!.args.orderId;
}

// ---------------------------------------------------------------------------------------------------------------
// Exact chain reads
// ---------------------------------------------------------------------------------------------------------------

export function tokenBalance(market: Market, token: Address, account: Address): Promise<bigint> {
  if (token === ETH) return market.client.getBalance({ address: account });
  return market.client.readContract({ address: token, abi: erc20Abi, functionName: "balanceOf", args: [account] });
}

export function allowance(market: Market, token: Address, owner: Address): Promise<bigint> {
  return market.client.readContract({ address: token, abi: erc20Abi, functionName: "allowance", args: [owner, market.stack.escrow] });
}

export function permitNonce(market: Market, token: Address, owner: Address): Promise<bigint> {
  return market.client.readContract({ address: token, abi: demoTokenAbi, functionName: "nonces", args: [owner] });
}

export function protocolFees(market: Market, token: Address = ETH): Promise<bigint> {
  return market.client.readContract({ address: market.stack.escrow, abi: escrowAbi, functionName: "protocolFeesOf", args: [token] });
}

/** What a transaction cost its sender in ETH (gas used × effective gas price). */
export async function gasPaid(market: Market, hash: Hash): Promise<bigint> {
  const receipt = await market.client.getTransactionReceipt({ hash });
  return receipt.gasUsed * receipt.effectiveGasPrice;
}

/** Every escrow event `eventName` about `orderId`, with the transaction that emitted it. */
export async function orderEvents(market: Market, eventName: "OrderPlaced" | "OrderCancelled" | "OrderCompleted" | "OrderDeclined" | "OrderFulfilled", orderId: bigint) {
  const logs = await market.client.getContractEvents({ address: market.stack.escrow, abi: escrowAbi, eventName, fromBlock: 0n });
  return logs.filter((log) => (log.args as { orderId?: bigint }).orderId === orderId);
}

/** The escrow's Withdrawn events of `account` in `token`: amount and transaction. */
export async function withdrawals(market: Market, account: Address, token: Address = ETH) {
  const logs = await market.client.getContractEvents({
    address: market.stack.escrow,
    abi: escrowAbi,
    eventName: "Withdrawn",
    args: { account, token },
    fromBlock: 0n,
  });
  return logs.map((log) => ({ amount: log.args.amount!, to: log.args.to!, hash: log.transactionHash }));
}

/** The function a transaction called on the escrow (its 4-byte selector decoded with the escrow's ABI). */
export async function escrowFunctionOf(market: Market, hash: Hash): Promise<string> {
  const tx = await market.client.getTransaction({ hash });
  return decodeFunctionData({ abi: escrowAbi, data: tx.input }).functionName;
}

export function tokenOf(stack: Stack, symbol: "DUSD" | "DGLD") {
  const token = stack.tokens.find((t) => t.symbol === symbol);
  if (token === undefined) throw new Error(`${symbol} is not deployed in this stack`);
  return token;
}

// ---------------------------------------------------------------------------------------------------------------
// Screenshots
// ---------------------------------------------------------------------------------------------------------------

/**
 * Saves a full-page screenshot to e2e/artifacts/screenshots/<name>.png, from the top of the page (the header is
 * sticky) and without the transaction notifications floating over the content.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
    animations: "disabled",
    style: '[data-testid="toast"] { visibility: hidden !important; }',
  });
}

/**
 * The browse grid loads photos only for cards in view: scroll to the last card, then wait until no card shows a
 * placeholder (skeleton or photo still loading), so that the screenshot shows the catalogue as a person sees it.
 * Only the picture depends on it: when other tests left listings whose content never loads, the screenshot is
 * taken anyway and the test is annotated, instead of failing a journey over a cosmetic detail.
 */
export async function showEveryCard(page: Page): Promise<void> {
  await page.locator("main article").last().scrollIntoViewIfNeeded();
  try {
    await expect(page.locator("main article .animate-pulse.bg-surface-muted")).toHaveCount(0, { timeout: 10_000 });
  } catch {
    test.info().annotations.push({ type: "screenshot", description: "Some browse cards were still loading when the page was captured." });
  }
}

/**
 * Screenshots of the current page in the light and the dark theme (switched with the header's theme button, as a
 * person would, and switched back), as `<name>-light.png` and `<name>-dark.png`.
 */
export async function saveThemedScreenshots(page: Page, name: string): Promise<void> {
  const html = page.locator("html");
  if ((await html.getAttribute("data-theme")) === "dark") {
    await page.getByRole("button", { name: "Switch to light theme" }).click();
  }
  await expect(html).toHaveAttribute("data-theme", "light");
  await saveScreenshot(page, `${name}-light`);
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await saveScreenshot(page, `${name}-dark`);
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
}

/** The same page at a phone's width (375 px), light and dark, then back to the desktop size. */
export async function saveMobileScreenshots(page: Page, name: string): Promise<void> {
  const desktop = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 375, height: 812 });
  await saveThemedScreenshots(page, `${name}-375`);
  await page.setViewportSize(desktop);
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications and panels
// ---------------------------------------------------------------------------------------------------------------

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Checks with the boxes the browser laid out that no notification on screen covers the part of `panel` a person can
 * see (inside the viewport, below the sticky header), and that there is at least one notification to check.
 */
export async function expectNotificationsClearOf(page: Page, panel: Locator): Promise<void> {
  const toasts = page.getByTestId("toast");
  await expect(toasts.first()).toBeVisible();
  // Placed before the browser paints, and again on every scroll: read the boxes once the layout is still.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const viewport = page.viewportSize()!;
  const header = (await page.locator("[data-app-header]").boundingBox())!;
  const box = (await panel.boundingBox())!;
  const top = Math.max(box.y, header.y + header.height);
  const bottom = Math.min(box.y + box.height, viewport.height);
  const seen: Rect = { x: box.x, y: top, width: box.width, height: Math.max(0, bottom - top) };
  expect(seen.height, "the panel is on screen").toBeGreaterThan(0);
  for (const toast of await toasts.all()) {
    const rect = await toast.boundingBox();
    if (rect === null) continue;
    expect(intersects(rect, seen), `the notification at ${JSON.stringify(rect)} covers the panel at ${JSON.stringify(seen)}`).toBe(false);
  }
}
