/**
 * Helpers for e2e/disputes.spec.ts and e2e/reviews.spec.ts:
 * - `test` adds a `person` fixture: a NEW browser context per person (buyer, seller, arbiter, outsider), each with
 *   its own TestWallet, console captured and attached with a screenshot when the test fails, closed after the test;
 * - set-up straight to the chain and the IPFS node (listing with real metadata, purchase, fulfilment, dispute,
 *   completion), for what a test is not about;
 * - reads for assertions: token balances, protocol fee pools, evidence/review/reply documents behind on-chain digests.
 */
import path from "node:path";

import type { Locator, Page } from "@playwright/test";
import { cidToDigest, digestOf, digestToCid } from "@souk/sdk/cid";
import { demoGoldAbi, demoTokenAbi, ETH, escrowAbi, listingRegistryAbi, reputationAbi } from "@souk/sdk/contracts";
import { encodeDocument, evidenceSchema, fulfillmentNoteSchema, listingMetadataSchema, parseDocument, reviewSchema } from "@souk/sdk/schemas";
import { parseEventLogs, type Address, type Hex, type LocalAccount } from "viem";
import type { z } from "zod";

import { connect, expect, test as base, type Market } from "./fixtures.ts";
import type { Stack } from "./stack.ts";
import { TestWallet } from "./wallet.ts";

export { expect };

export const DAY = 86_400;
/** escrow.RULING_WINDOW */
export const RULING_WINDOW = 30 * DAY;
export const PROTOCOL_FEE_BPS = 100n;

/** A picture a buyer could take of a damaged item (one of the seed's images: WebP, 800 × 600). */
export const EVIDENCE_PICTURE = path.resolve(import.meta.dirname, "..", "..", "scripts", "seed", "images", "stoneware-mug-2.webp");

export interface Person {
  account: LocalAccount;
  wallet: TestWallet;
  page: Page;
}

interface PeopleFixtures {
  /** A person acting in their own browser (context + wallet holding `account`). */
  person: (account: LocalAccount, label: string) => Promise<Person>;
}

export const test = base.extend<PeopleFixtures>({
  person: async ({ browser, stack }, use, testInfo) => {
    const opened: Array<{ label: string; page: Page; lines: string[]; close: () => Promise<void> }> = [];
    await use(async (account, label) => {
      const context = await browser.newContext({ baseURL: stack.appUrl, viewport: { width: 1280, height: 800 } });
      const wallet = new TestWallet({ accounts: [account], rpcUrl: stack.rpcUrl, chainId: stack.chainId, otherChainIds: [1, 11155111] });
      await wallet.install(context);
      const page = await context.newPage();
      const lines: string[] = [];
      page.on("console", (message) => lines.push(`[${message.type()}] ${message.text()}`));
      page.on("pageerror", (error) => lines.push(`[pageerror] ${error.message}`));
      opened.push({ label, page, lines, close: () => context.close() });
      return { account, wallet, page };
    });
    const failed = testInfo.status !== testInfo.expectedStatus;
    for (const { label, page, lines, close } of opened) {
      if (failed) {
        await testInfo.attach(`${label}-console.log`, { body: lines.join("\n"), contentType: "text/plain" });
        if (!page.isClosed()) {
          const screenshot = await page.screenshot({ fullPage: true, timeout: 5_000 }).catch(() => undefined);
          if (screenshot !== undefined) await testInfo.attach(`${label}.png`, { body: screenshot, contentType: "image/png" });
        }
      }
      await close();
    }
  },
});

/** Opens `url` in the person's browser and connects their wallet through the dApp's wallet dialog. */
export async function openConnected(person: Person, url: string): Promise<void> {
  await person.page.goto(url);
  await connect(person.page);
}

// ---------------------------------------------------------------------------------------------------------------
// IPFS

/** Stores a document like the dApp does (one raw block, CIDv1) and returns its digest, checked against the bytes. */
export async function uploadDocument<S extends z.ZodType>(stack: Stack, schema: S, document: z.input<S>): Promise<Hex> {
  const bytes = encodeDocument(schema, document);
  const form = new FormData();
  form.append("file", new Blob([bytes as BlobPart]), "document.json");
  const response = await fetch(`${stack.ipfsApiUrl}/add?cid-version=1&raw-leaves=true&pin=true`, { method: "POST", body: form });
  expect(response.ok, `IPFS add answered ${response.status}`).toBe(true);
  const { Hash } = (await response.json()) as { Hash: string };
  const digest = await digestOf(bytes);
  expect(cidToDigest(Hash), "the IPFS node stored the bytes sent").toBe(digest);
  return digest;
}

/** The document an on-chain digest points to, fetched from the gateway and checked against its schema. */
export async function readDocument<S extends z.ZodType>(stack: Stack, schema: S, digest: Hex): Promise<z.infer<S>> {
  const response = await fetch(`${stack.gatewayUrl}/ipfs/${digestToCid(digest)}?format=raw`, { headers: { accept: "application/vnd.ipld.raw" } });
  expect(response.ok, `gateway answered ${response.status} for ${digestToCid(digest)}`).toBe(true);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(await digestOf(bytes), "the gateway returned the recorded bytes").toBe(digest);
  const parsed = parseDocument(schema, bytes);
  if (!parsed.ok) throw new Error(`Invalid document ${digest}: ${parsed.error}`);
  return parsed.value;
}

/** Whether the gateway has the block a CID names (pictures attached to evidence). */
export async function gatewayHas(stack: Stack, cid: string): Promise<boolean> {
  const response = await fetch(`${stack.gatewayUrl}/ipfs/${cid}?format=raw`, { headers: { accept: "application/vnd.ipld.raw" } });
  return response.ok;
}

// ---------------------------------------------------------------------------------------------------------------
// Chain set-up

export type TokenSymbol = "ETH" | "DUSD" | "DGLD";

export function tokenAddress(stack: Stack, symbol: TokenSymbol): Address {
  if (symbol === "ETH") return ETH;
  const token = stack.tokens.find((t) => t.symbol === symbol);
  if (token === undefined) throw new Error(`No ${symbol} in this deployment`);
  return token.address;
}

export interface ListingTerms {
  title: string;
  token: TokenSymbol;
  /** Per unit, in the token's smallest unit. */
  price: bigint;
  stock?: bigint;
  arbiter: Address;
  arbiterFeeBps: bigint;
  fulfillmentDays?: number;
  confirmationDays?: number;
}

/** A listing with real metadata on IPFS, created by `seller` (set-up, not through the UI). */
export async function createListing(market: Market, seller: LocalAccount, terms: ListingTerms): Promise<bigint> {
  const metadataDigest = await uploadDocument(market.stack, listingMetadataSchema, {
    schema: "souk.listing/1",
    title: terms.title,
    description: `${terms.title}. Made for a browser test: every unit is checked before it leaves the workshop.`,
    category: "Home & Garden",
    images: [],
    attributes: [{ name: "Made by", value: "e2e" }],
    condition: "new",
    delivery: { method: "shipping", regions: "Anywhere" },
  });
  const receipt = await market.write(seller, market.stack.registry, listingRegistryAbi, "createListing", [
    {
      token: tokenAddress(market.stack, terms.token),
      price: terms.price,
      stock: terms.stock ?? 10n,
      arbiter: terms.arbiter,
      arbiterFeeBps: terms.arbiterFeeBps,
      fulfillmentWindow: BigInt((terms.fulfillmentDays ?? 7) * DAY),
      confirmationWindow: BigInt((terms.confirmationDays ?? 7) * DAY),
      metadataDigest,
    },
  ]);
  const [created] = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingCreated" });
  return created!.args.listingId;
}

/** `buyer` pays `price × quantity` into escrow (ETH, or approve-then-buy for a token); returns the order id. */
export async function buy(market: Market, buyer: LocalAccount, listingId: bigint, quantity: bigint): Promise<bigint> {
  const listing = await market.listing(listingId);
  const amount = listing.price * quantity;
  let receipt;
  if (listing.token === ETH) {
    receipt = await market.write(buyer, market.stack.escrow, escrowAbi, "buy", [listingId, quantity, listing.version], amount);
  } else {
    const permit = market.stack.tokens.find((t) => t.address.toLowerCase() === listing.token.toLowerCase())?.permit ?? false;
    await market.write(buyer, listing.token, permit ? demoTokenAbi : demoGoldAbi, "approve", [market.stack.escrow, amount]);
    receipt = await market.write(buyer, market.stack.escrow, escrowAbi, "buy", [listingId, quantity, listing.version]);
  }
  const [placed] = parseEventLogs({ abi: escrowAbi, logs: receipt.logs, eventName: "OrderPlaced" });
  return placed!.args.orderId;
}

/** The seller marks the order shipped, with a note (tracking) on IPFS. */
export async function fulfill(market: Market, seller: LocalAccount, orderId: bigint, text: string, tracking = "SK123456789NL"): Promise<void> {
  const note = await uploadDocument(market.stack, fulfillmentNoteSchema, { schema: "souk.note/1", text, carrier: "PostNL", tracking });
  await market.write(seller, market.stack.escrow, escrowAbi, "fulfill", [orderId, note]);
}

/** The buyer opens a dispute with a text-only opening statement (set-up). */
export async function openDispute(market: Market, buyer: LocalAccount, orderId: bigint, text: string): Promise<void> {
  const digest = await uploadDocument(market.stack, evidenceSchema, { schema: "souk.evidence/1", text, attachments: [] });
  await market.write(buyer, market.stack.escrow, escrowAbi, "openDispute", [orderId, digest]);
}

/** Buyer confirms receipt: the order ends Completed (set-up). */
export async function confirm(market: Market, buyer: LocalAccount, orderId: bigint): Promise<void> {
  await market.write(buyer, market.stack.escrow, escrowAbi, "confirm", [orderId]);
}

/** A rating given straight on chain, with a review document (set-up). */
export async function rate(market: Market, rater: LocalAccount, orderId: bigint, score: bigint, text: string): Promise<void> {
  const digest = await uploadDocument(market.stack, reviewSchema, { schema: "souk.review/1", text });
  await market.write(rater, market.stack.reputation, reputationAbi, "rate", [orderId, score, digest]);
}

// ---------------------------------------------------------------------------------------------------------------
// Chain reads

export function tokenBalance(market: Market, token: Address, account: Address): Promise<bigint> {
  if (token === ETH) return market.client.getBalance({ address: account });
  return market.client.readContract({ address: token, abi: demoTokenAbi, functionName: "balanceOf", args: [account] });
}

export function protocolFees(market: Market, token: Address): Promise<bigint> {
  return market.client.readContract({ address: market.stack.escrow, abi: escrowAbi, functionName: "protocolFeesOf", args: [token] });
}

export function ratingStatus(market: Market, orderId: bigint) {
  return market.client.readContract({ address: market.stack.reputation, abi: reputationAbi, functionName: "ratingStatus", args: [orderId] });
}

/** Evidence recorded for an order, oldest first: who submitted it and the digest of the document. */
export async function evidenceOf(market: Market, orderId: bigint): Promise<Array<{ author: Address; digest: Hex }>> {
  const logs = await market.client.getContractEvents({
    address: market.stack.escrow,
    abi: escrowAbi,
    eventName: "EvidenceSubmitted",
    args: { orderId },
    fromBlock: 0n,
  });
  return logs.map((log) => ({ author: log.args.author!, digest: log.args.evidenceDigest! }));
}

/** The order's final payout as the escrow's OrderSettled / OrderRuled event recorded it, and who sent that transaction. */
export async function endEvent(market: Market, orderId: bigint, eventName: "OrderSettled" | "OrderRuled") {
  const logs = await market.client.getContractEvents({ address: market.stack.escrow, abi: escrowAbi, eventName, args: { orderId }, fromBlock: 0n });
  expect(logs, `${eventName} emitted once`).toHaveLength(1);
  const args = logs[0]!.args as { buyerShareBps: bigint; payout: { buyer: bigint; seller: bigint; arbiter: bigint; protocol: bigint }; byTimeout?: boolean };
  const sender = (await market.client.getTransaction({ hash: logs[0]!.transactionHash })).from;
  return { ...args, sender };
}

export async function ratingsOf(market: Market, orderId: bigint) {
  const logs = await market.client.getContractEvents({ address: market.stack.reputation, abi: reputationAbi, eventName: "Rated", args: { orderId }, fromBlock: 0n });
  return logs.map((log) => log.args as { rater: Address; ratee: Address; rateeRole: number; score: bigint; reviewDigest: Hex });
}

export async function repliesOf(market: Market, orderId: bigint) {
  const logs = await market.client.getContractEvents({ address: market.stack.reputation, abi: reputationAbi, eventName: "Replied", args: { orderId }, fromBlock: 0n });
  return logs.map((log) => log.args as { author: Address; replyDigest: Hex });
}

// ---------------------------------------------------------------------------------------------------------------
// What people see

/**
 * Checks a payout as the dApp lays it out (PayoutBreakdown before acting, PayoutLines after): one `dl` row per
 * party, label then amount. `arbiter: undefined` means there must be no arbiter row at all.
 */
export async function expectPayout(
  scope: Locator,
  expected: { buyer: string; seller: string; arbiter?: string; protocol: string; you?: "Buyer" | "Seller" | "Arbiter fee" },
): Promise<void> {
  const rows = scope.locator("dl > div").filter({ visible: true });
  const amountOf = (label: string) => rows.filter({ has: scope.page().locator("dt", { hasText: new RegExp(`^${label}`) }) }).locator("dd");
  await expect(amountOf("Buyer")).toHaveText(expected.buyer);
  await expect(amountOf("Seller")).toHaveText(expected.seller);
  await expect(amountOf("Protocol fee")).toHaveText(expected.protocol);
  if (expected.arbiter === undefined) await expect(amountOf("Arbiter fee")).toHaveCount(0);
  else await expect(amountOf("Arbiter fee")).toHaveText(expected.arbiter);
  if (expected.you !== undefined) await expect(rows.locator("dt", { hasText: new RegExp(`^${expected.you} \\(you\\)`) })).toHaveCount(1);
}

/** The order's state as its badge and one-line explanation say it (lib/order-states.ts). */
export const STATE_LINE = {
  Fulfilled: "Marked as shipped or delivered, waiting for the buyer to confirm.",
  Disputed: "The buyer opened a dispute: the arbiter decides how the payment is split.",
  Settled: "The payment was split between the buyer and the seller.",
  Ruled: "The arbiter ruled on how the payment is split.",
  Completed: "The payment was released to the seller.",
} as const;
