/**
 * The indexer's HTTP API (docs/API.md): search, browse, facets, profiles and order lists without rebuilding the
 * catalogue from logs in every visitor's browser. Its answers are untrusted network input like any other: checked
 * with zod (amounts, ids and addresses in their exact shapes, documents against the SDK's schemas) and never used
 * to move money: the listing page and the buy panel read price, stock, version and terms from the chain, and every
 * IPFS byte is verified against its CID in the browser.
 *
 * A failed call marks the indexer down (indexer-status.ts): the app falls back to reading the chain and says so.
 */
import { listingMetadataSchema, replySchema, reviewSchema } from "@souk/sdk/schemas";
import type { Address } from "viem";
import { z } from "zod";

import { markIndexer } from "./indexer-status.ts";

const uint = z.string().regex(/^\d{1,78}$/);
const address = z
  .string()
  .regex(/^0x[0-9a-f]{40}$/)
  .transform((value) => value as Address);
const digest = z.string().regex(/^0x[0-9a-f]{64}$/);
const when = z.number().int().nonnegative();

const documentView = <S extends z.ZodType>(content: S) =>
  z.object({
    cid: z.string().min(1).max(100),
    digest,
    status: z.enum(["valid", "invalid", "unavailable", "pending"]),
    error: z.string().max(2_000).optional(),
    content: content.optional(),
  });

export const indexedListingSchema = z.object({
  id: uint,
  seller: address,
  token: address,
  price: uint,
  stock: uint,
  version: uint,
  closed: z.boolean(),
  arbiter: address,
  arbiterFeeBps: z.number().int().min(0).max(10_000),
  fulfillmentWindow: z.number().int().nonnegative(),
  confirmationWindow: z.number().int().nonnegative(),
  createdAt: when,
  createdBlock: when,
  updatedAt: when,
  orderCount: z.number().int().nonnegative(),
  unitsSold: uint,
  sellerRating: z.object({ count: z.number().int().nonnegative(), average: z.number().min(1).max(5).nullable() }),
  metadata: documentView(listingMetadataSchema),
  relevance: z.number().optional(),
});
export type IndexedListing = z.infer<typeof indexedListingSchema>;

export const listingsPageSchema = z.object({
  total: z.number().int().nonnegative(),
  /** False: more listings match than `total` (the indexer's count limit). */
  totalExact: z.boolean(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  items: z.array(indexedListingSchema).max(100),
  facets: z.object({
    exact: z.boolean(),
    categories: z.array(z.object({ category: z.string(), count: z.number().int().nonnegative() })),
    tokens: z.array(z.object({ token: address, count: z.number().int().nonnegative() })),
  }),
  corrections: z.record(z.string(), z.array(z.string())).optional(),
});
export type ListingsPage = z.infer<typeof listingsPageSchema>;

const roleStats = z.object({
  ratings: z.number().int().nonnegative(),
  scoreSum: z.number().int().nonnegative(),
  average: z.number().nullable(),
  completedOrders: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  distribution: z.record(z.string(), z.number().int().nonnegative()),
});

export const accountSchema = z.object({
  address,
  known: z.boolean(),
  asSeller: roleStats.extend({ listings: z.number().int().nonnegative() }),
  asBuyer: roleStats,
  asArbiter: z.object({ disputes: z.number().int().nonnegative(), rulings: z.number().int().nonnegative() }),
  reviewsTotal: z.number().int().nonnegative(),
  reviews: z.array(
    z.object({
      orderId: uint,
      rater: address,
      ratee: address,
      role: z.enum(["Seller", "Buyer"]),
      score: z.number().int().min(1).max(5),
      token: address,
      amount: uint,
      timestamp: when,
      review: documentView(reviewSchema).nullable(),
      reply: z.object({ timestamp: when, document: documentView(replySchema).nullable() }).nullable(),
    }),
  ),
});
export type IndexedAccount = z.infer<typeof accountSchema>;

export const indexedOrderSchema = z.object({
  id: uint,
  listingId: uint,
  listingVersion: uint,
  buyer: address,
  seller: address,
  arbiter: address,
  token: address,
  quantity: uint,
  amount: uint,
  protocolFeeBps: z.number().int().min(0).max(10_000),
  arbiterFeeBps: z.number().int().min(0).max(10_000),
  state: z.enum(["Funded", "Fulfilled", "Disputed", "Completed", "Declined", "Cancelled", "Settled", "Ruled"]),
  placedAt: when,
  fulfillmentDeadline: when,
  fulfilledAt: when.nullable(),
  confirmationDeadline: when.nullable(),
  disputedAt: when.nullable(),
  responseDeadline: when.nullable(),
  respondentHeard: z.boolean(),
  rulingDeadline: when.nullable(),
  endedAt: when.nullable(),
  proposal: z.object({ proposer: address, buyerShareBps: z.number().int().min(0).max(10_000).nullable() }).nullable(),
  title: z.string().max(200).nullable(),
});
export type IndexedOrder = z.infer<typeof indexedOrderSchema>;

export const ordersPageSchema = z.object({
  total: z.number().int().nonnegative(),
  items: z.array(indexedOrderSchema),
});

export const disputesSchema = z.object({ total: z.number().int().nonnegative(), items: z.array(indexedOrderSchema) });

export const healthSchema = z.object({
  chainId: z.number().int().positive(),
  block: z.number().int().nonnegative().nullable(),
  synced: z.boolean(),
});

export class IndexerError extends Error {
  override name = "IndexerError";
}

/** How long an answer may take before the indexer counts as down for this request. */
const TIMEOUT_MS = 4_000;

/**
 * GETs `path` from the indexer at `base` and validates the answer. Throws IndexerError (and marks the indexer down)
 * when it does not answer, answers with an error, or answers something that is not what the API promises.
 */
export async function indexerGet<S extends z.ZodType>(base: string, path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      signal: signal === undefined ? AbortSignal.timeout(TIMEOUT_MS) : AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    markIndexer("down");
    throw new IndexerError("The search service is not answering.");
  }
  if (!response.ok) {
    // 4xx is our request's fault and says nothing about the service; 5xx means it cannot answer now.
    if (response.status >= 500) markIndexer("down");
    throw new IndexerError(`The search service answered ${response.status}.`);
  }
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    markIndexer("down");
    throw new IndexerError("The search service sent an answer that is not valid.");
  }
  markIndexer("up");
  return parsed.data;
}
