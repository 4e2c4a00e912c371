/**
 * Helpers for discovery-and-wallet.spec.ts and faults.spec.ts:
 * - publishing documents and pictures through the IPFS node's Kubo RPC API (as any client could, bypassing the dApp)
 *   and creating listings straight on chain, for set-up;
 * - an independent reading of the catalogue (listing state from `getListing`, metadata digests from the registry's
 *   events, documents fetched from the gateway and checked against their digest, sellers' ratings from `statsOf`)
 *   and the browse page's rules written out from the brief, so that what the page shows is compared with what the
 *   chain and IPFS say rather than with the dApp's own code;
 * - small PNG pictures with chosen colours (each a different CID).
 */
import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";

import type { Locator, Page } from "@playwright/test";
import { cidToDigest, digestOf, digestToCid } from "@souk/sdk/cid";
import { ETH, listingRegistryAbi } from "@souk/sdk/contracts";
import { listingMetadataSchema, MAX_DOCUMENT_BYTES, parseDocument, type ListingMetadata, type ListingMetadataInput } from "@souk/sdk/schemas";
import { addVerified } from "@souk/sdk/upload";
import { create as createIpfsClient } from "kubo-rpc-client";
import { parseEventLogs, parseUnits, type Address, type Hex, type LocalAccount } from "viem";

import type { Market } from "./fixtures.ts";
import type { Stack } from "./stack.ts";

export const DAY = 86_400n;
/** The browse page shows this many listings per page. */
export const PAGE_SIZE = 24;

// ---------------------------------------------------------------------------------------------------------------
// IPFS

/** Stores `bytes` as ONE raw block through the node's Kubo RPC API and checks the CID it answers. */
export async function addRawBlock(stack: Stack, bytes: Uint8Array, chunkSize?: number): Promise<string> {
  const client = createIpfsClient({ url: stack.ipfsApiUrl });
  return addVerified(client, bytes, chunkSize === undefined ? {} : { chunker: `size-${chunkSize}` });
}

/** Publishes any JSON value as a document (valid or not: the dApp is the one to judge) and returns its digest. */
export async function publishJson(stack: Stack, document: unknown, chunkSize?: number): Promise<{ cid: string; digest: Hex; bytes: Uint8Array }> {
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  const cid = await addRawBlock(stack, bytes, chunkSize);
  return { cid, digest: cidToDigest(cid), bytes };
}

/** A valid listing document; `overrides` replace whole fields. */
export function listingDocument(overrides: Partial<ListingMetadataInput> & Pick<ListingMetadataInput, "title">): ListingMetadataInput {
  return {
    schema: "souk.listing/1",
    description: "Made for the browser tests. Plain text, no surprises.",
    category: "Other",
    images: [],
    attributes: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Chain

export interface NewListing {
  token: Address;
  price: bigint;
  stock: bigint;
  arbiter: Address;
  arbiterFeeBps?: bigint;
  fulfillmentWindow?: bigint;
  confirmationWindow?: bigint;
  digest: Hex;
}

/** Registers a listing from `seller` straight on chain and returns its id. */
export async function createListingOnChain(market: Market, seller: LocalAccount, terms: NewListing): Promise<bigint> {
  const receipt = await market.write(seller, market.stack.registry, listingRegistryAbi, "createListing", [
    {
      token: terms.token,
      price: terms.price,
      stock: terms.stock,
      arbiter: terms.arbiter,
      arbiterFeeBps: terms.arbiterFeeBps ?? 100n,
      fulfillmentWindow: terms.fulfillmentWindow ?? 3n * DAY,
      confirmationWindow: terms.confirmationWindow ?? 7n * DAY,
      metadataDigest: terms.digest,
    },
  ]);
  const [created] = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingCreated" });
  if (created === undefined) throw new Error("createListing emitted no ListingCreated");
  return created.args.listingId;
}

/** Publishes a valid document and lists it: the usual set-up for a listing a test only needs to exist. */
export async function listSomething(
  market: Market,
  seller: LocalAccount,
  document: ListingMetadataInput,
  terms: Omit<NewListing, "digest">,
): Promise<{ id: bigint; cid: string; digest: Hex }> {
  const { cid, digest } = await publishJson(market.stack, document);
  return { id: await createListingOnChain(market, seller, { ...terms, digest }), cid, digest };
}

export function tokenOf(stack: Stack, symbol: "ETH" | "DUSD" | "DGLD"): { address: Address; decimals: number; symbol: string } {
  if (symbol === "ETH") return { address: ETH, decimals: 18, symbol };
  const token = stack.tokens.find((t) => t.symbol === symbol);
  if (token === undefined) throw new Error(`No ${symbol} in this deployment`);
  return { address: token.address, decimals: token.decimals, symbol };
}

export function amount(stack: Stack, symbol: "ETH" | "DUSD" | "DGLD", text: string): bigint {
  return parseUnits(text, tokenOf(stack, symbol).decimals);
}

// ---------------------------------------------------------------------------------------------------------------
// The catalogue as the chain and IPFS tell it

export interface CatalogueEntry {
  id: bigint;
  seller: Address;
  token: Address;
  price: bigint;
  stock: bigint;
  closed: boolean;
  /** The listing's document when it is on the gateway, matches the digest and follows the schema. */
  metadata: ListingMetadata | undefined;
  /** The seller's ratings as seller: average with one decimal (undefined without ratings) and count. */
  average: number | undefined;
  ratings: number;
}

const documents = new Map<Hex, ListingMetadata | undefined>();

async function verifiedDocument(stack: Stack, digest: Hex): Promise<ListingMetadata | undefined> {
  if (documents.has(digest)) return documents.get(digest);
  const response = await fetch(`${stack.gatewayUrl}/ipfs/${digestToCid(digest)}?format=raw`, {
    headers: { accept: "application/vnd.ipld.raw" },
  });
  let metadata: ListingMetadata | undefined;
  if (response.ok) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength <= MAX_DOCUMENT_BYTES && (await digestOf(bytes)) === digest) {
      const parsed = parseDocument(listingMetadataSchema, bytes);
      metadata = parsed.ok ? parsed.value : undefined;
    }
  }
  documents.set(digest, metadata);
  return metadata;
}

/** Every listing with its current state, metadata and seller rating. */
export async function readCatalogue(market: Market): Promise<CatalogueEntry[]> {
  const { client, stack } = market;
  const count = await client.readContract({ address: stack.registry, abi: listingRegistryAbi, functionName: "listingCount" });
  const [created, updated] = await Promise.all([
    client.getContractEvents({ address: stack.registry, abi: listingRegistryAbi, eventName: "ListingCreated", fromBlock: 0n }),
    client.getContractEvents({ address: stack.registry, abi: listingRegistryAbi, eventName: "ListingUpdated", fromBlock: 0n }),
  ]);
  const digests = new Map<bigint, Hex>();
  for (const log of [...created, ...updated].sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex)) {
    const digest = log.args.metadataDigest!;
    if (!/^0x0+$/.test(digest)) digests.set(log.args.listingId!, digest);
  }
  const ratings = new Map<string, { average: number | undefined; ratings: number }>();
  const entries: CatalogueEntry[] = [];
  for (let id = 1n; id <= count; id++) {
    const listing = await client.readContract({ address: stack.registry, abi: listingRegistryAbi, functionName: "getListing", args: [id] });
    const seller = listing.seller.toLowerCase();
    if (!ratings.has(seller)) {
      const stats = await market.stats(listing.seller);
      ratings.set(seller, {
        average: stats.ratingsAsSeller === 0n ? undefined : Math.round((Number(stats.scoreSumAsSeller) / Number(stats.ratingsAsSeller)) * 10) / 10,
        ratings: Number(stats.ratingsAsSeller),
      });
    }
    entries.push({
      id,
      seller: listing.seller,
      token: listing.token,
      price: listing.price,
      stock: listing.stock,
      closed: listing.closed,
      metadata: await verifiedDocument(stack, digests.get(id)!),
      ...ratings.get(seller)!,
    });
  }
  return entries;
}

export type SortKey = "newest" | "price-asc" | "price-desc" | "rating";

export interface BrowseQuery {
  /** One lower-case ASCII word searched in title, description and tags. */
  word?: string;
  category?: string;
  token?: Address;
  /** Bounds in the token's smallest unit, inclusive. */
  min?: bigint;
  max?: bigint;
  minRating?: number;
  soldOut?: boolean;
  sort?: SortKey;
}

/**
 * The ids the browse page should list, in order, by the rules a buyer is promised: closed listings never, sold-out
 * ones only on request; a category or a search only matches verified, valid descriptions; prices compare within
 * one currency (ETH first, then the deployment's tokens); ties and "newest" go by id, newest first.
 */
export function expectedBrowse(catalogue: readonly CatalogueEntry[], query: BrowseQuery, stack: Stack): bigint[] {
  const rank = (token: Address) => {
    if (token.toLowerCase() === ETH) return 0;
    const index = stack.tokens.findIndex((t) => t.address.toLowerCase() === token.toLowerCase());
    return index === -1 ? 1_000 : index + 1;
  };
  const newest = (a: CatalogueEntry, b: CatalogueEntry) => (a.id > b.id ? -1 : a.id < b.id ? 1 : 0);
  const matches = catalogue.filter((l) => {
    if (l.closed || (!query.soldOut && l.stock === 0n)) return false;
    if (query.token !== undefined && l.token.toLowerCase() !== query.token.toLowerCase()) return false;
    if (query.min !== undefined && l.price < query.min) return false;
    if (query.max !== undefined && l.price > query.max) return false;
    if (query.minRating !== undefined && (l.average === undefined || l.average < query.minRating)) return false;
    if (query.category !== undefined && l.metadata?.category !== query.category) return false;
    if (query.word !== undefined) {
      const text = l.metadata === undefined ? "" : [l.metadata.title, l.metadata.description, ...(l.metadata.tags ?? [])].join(" ").toLowerCase();
      if (!text.includes(query.word)) return false;
    }
    return true;
  });
  const sort = query.sort ?? "newest";
  matches.sort((a, b) => {
    if (sort === "price-asc" || sort === "price-desc") {
      const byToken = rank(a.token) - rank(b.token);
      if (byToken !== 0) return byToken;
      if (a.price !== b.price) return (a.price < b.price ? -1 : 1) * (sort === "price-asc" ? 1 : -1);
    }
    if (sort === "rating") {
      const byAverage = (b.average ?? -1) - (a.average ?? -1);
      if (byAverage !== 0) return byAverage;
      if (a.ratings !== b.ratings) return b.ratings - a.ratings;
    }
    return newest(a, b);
  });
  return matches.map((l) => l.id);
}

// ---------------------------------------------------------------------------------------------------------------
// The browse page as a person sees it

/** The grid of results. */
export function resultsGrid(page: Page): Locator {
  return page.getByRole("list", { name: "Listings" });
}

/** Ids of the listings shown on the current page, in order (each card has one link: to its listing). */
export async function shownIds(page: Page): Promise<string[]> {
  const grid = resultsGrid(page);
  if ((await grid.count()) === 0) return [];
  const hrefs = await grid.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.replace(/^\/listing\//, ""));
}

/** The heading above the results: "3 listings", "1 listing". */
export function countText(count: number): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "listing" : "listings"}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Pictures

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG of `width` × `height` whose pixel at (x, y) is `pixel(x, y)`. */
function rgbPng(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  let offset = 0;
  for (let y = 0; y < height; y++) {
    rows[offset++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      rows[offset++] = r;
      rows[offset++] = g;
      rows[offset++] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** A small RGB PNG: a two-colour diagonal, so that every pair of colours is a different picture (and CID). */
export function pngPicture(a: [number, number, number], b: [number, number, number], size = 64): Buffer {
  return rgbPng(size, size, (x, y) => (x > y ? a : b));
}

/**
 * A square PNG of random pixels: a real picture far under the 15 MB limit (about 3 MB at 1,000 px) that no encoder
 * can squeeze into 240 KiB at any useful size, like an extremely grainy photo.
 */
export function noisePicture(size: number): Buffer {
  const noise = randomBytes(size * size * 3);
  return rgbPng(size, size, (x, y) => {
    const i = 3 * (y * size + x);
    return [noise[i]!, noise[i + 1]!, noise[i + 2]!];
  });
}

/** A random colour from a seed, for pictures that must not collide with other tests' pictures. */
export function randomColour(): [number, number, number] {
  return [Math.floor(Math.random() * 256), Math.floor(Math.random() * 256), Math.floor(Math.random() * 256)];
}

/** Every CID the IPFS node keeps pinned. */
export async function pinnedCids(stack: Stack): Promise<string[]> {
  const client = createIpfsClient({ url: stack.ipfsApiUrl });
  const cids: string[] = [];
  for await (const pin of client.pin.ls()) cids.push(pin.cid.toString());
  return cids.sort();
}

/** Whether a URL is one of `base`'s (same origin and path prefix). */
export function under(base: string): (url: URL) => boolean {
  const prefix = new URL(base);
  return (url) => url.origin === prefix.origin && url.pathname.startsWith(prefix.pathname.replace(/\/$/, ""));
}

// ---------------------------------------------------------------------------------------------------------------
// Banners over time

/**
 * Records, from before the page's scripts run, every time an alert containing `text` appears in or leaves the page,
 * however briefly: `read()` gives how many times it appeared and disappeared.
 */
export async function recordAlert(page: Page, text: string): Promise<{ read: () => Promise<{ shown: number; hidden: number }> }> {
  const key = `__alert_${Buffer.from(text).toString("hex").slice(0, 24)}`;
  await page.addInitScript(
    ({ key, text }) => {
      const record = { shown: 0, hidden: 0 };
      (window as unknown as Record<string, typeof record>)[key] = record;
      let present = false;
      const check = () => {
        const now = Array.from(document.querySelectorAll('[role="alert"]')).some((alert) => alert.textContent?.includes(text) === true);
        if (now && !present) record.shown += 1;
        if (!now && present) record.hidden += 1;
        present = now;
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    },
    { key, text },
  );
  return { read: () => page.evaluate((key) => (window as unknown as Record<string, { shown: number; hidden: number }>)[key]!, key) };
}

/**
 * Answers the node's JSON-RPC requests through the real node, except those `answer` overrides (single calls and
 * batches alike): `answer(method, params)` returns the result to give instead, or undefined to pass it through.
 */
export async function overrideRpc(page: Page, stack: Stack, answer: (method: string, params: unknown[]) => unknown): Promise<void> {
  await page.route(under(stack.rpcUrl), async (route) => {
    const body = route.request().postDataJSON() as { id: number; method: string; params?: unknown[] } | Array<{ id: number; method: string; params?: unknown[] }>;
    const calls = Array.isArray(body) ? body : [body];
    const response = await route.fetch();
    const results = (await response.json()) as { id: number } | Array<{ id: number }>;
    const answered = (Array.isArray(results) ? results : [results]).map((result) => {
      const call = calls.find((c) => c.id === result.id)!;
      const instead = answer(call.method, call.params ?? []);
      return instead === undefined ? result : { jsonrpc: "2.0", id: result.id, result: instead };
    });
    await route.fulfill({ response, json: Array.isArray(results) ? answered : answered[0] });
  });
}
