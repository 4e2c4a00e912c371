/**
 * The indexer's analytics (docs/API.md): market statistics, a seller's dashboard figures, price suggestions, similar
 * listings and rating trust. Untrusted network input like every indexer answer: checked with zod before use, never
 * used to move money. Every figure is recomputable from the chain; the pages say how each is computed.
 */
import type { Address } from "viem";
import { z } from "zod";

import { indexedListingSchema, indexerGet } from "./indexer.ts";

const uint = z.string().regex(/^\d{1,78}$/);
const count = z.number().int().nonnegative();
const address = z
  .string()
  .regex(/^0x[0-9a-f]{40}$/)
  .transform((value) => value as Address);
const when = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative().nullable();

const point = z.object({ start: when, orders: count, amount: uint });
export type SeriesPoint = z.infer<typeof point>;
const series = { daily: z.array(point).max(90), weekly: z.array(point).max(52) };
const duration = z.object({ count, median: seconds, p90: seconds });

export const marketStatsSchema = z.object({
  asOf: when,
  listings: z.object({ total: count, open: count, inStock: count }),
  orders: z.object({ total: count }),
  ratings: z.object({ count, average: z.number().nullable() }),
  volume: z.array(z.object({ token: address, ...series })).max(100),
  outcomes: z.object({
    completed: count,
    completedByTimeout: count,
    settled: count,
    settledByTimeout: count,
    ruled: count,
    declined: count,
    cancelled: count,
    open: z.object({ funded: count, fulfilled: count, disputed: count }),
  }),
  disputes: z.object({ orders: count, disputed: count, rate: z.number().min(0).max(1).nullable() }),
  timing: z.object({ toFulfil: duration, toComplete: duration }),
  active: z.object({ days: count, sellers: count, buyers: count }),
  categories: z
    .array(
      z.object({
        category: z.string().max(60),
        listings: count,
        openListings: count,
        orders: count,
        sales: count,
        volume: z.array(z.object({ token: address, amount: uint })),
      }),
    )
    .max(50),
  protocolFees: z.array(z.object({ token: address, collected: uint, claimed: uint })).max(100),
});
export type MarketStats = z.infer<typeof marketStatsSchema>;

export const sellerAnalyticsSchema = z.object({
  seller: address,
  asOf: when,
  revenue: z.array(z.object({ token: address, orders: count, total: uint, ...series })).max(100),
  funnel: z.object({
    placed: count,
    fulfilled: count,
    completed: count,
    declined: count,
    cancelled: count,
    disputed: count,
    settled: count,
    ruled: count,
    open: count,
  }),
  shipping: z.object({ count, average: seconds, median: seconds }),
  ratings: z.object({
    count,
    average: z.number().nullable(),
    weekly: z.array(z.object({ start: when, count, average: z.number(), cumulativeCount: count, cumulativeAverage: z.number() })),
  }),
  buyers: z.object({ distinct: count, repeat: count, ordersFromRepeat: count }),
  bestSellers: z
    .array(z.object({ listingId: uint, title: z.string().max(200).nullable(), token: address, orders: count, units: uint, amount: uint }))
    .max(5),
  stockAlerts: z.array(
    z.object({
      listingId: uint,
      title: z.string().max(200).nullable(),
      stock: uint,
      soldRecently: uint,
      kind: z.enum(["sold-out", "low"]),
      daysLeft: count.nullable(),
    }),
  ),
});
export type SellerAnalytics = z.infer<typeof sellerAnalyticsSchema>;

export const priceSuggestionSchema = z.object({
  category: z.string(),
  token: address,
  days: count,
  asOf: when,
  count,
  median: uint.nullable(),
  low: uint.nullable(),
  high: uint.nullable(),
});
export type PriceSuggestion = z.infer<typeof priceSuggestionSchema>;

export const similarListingsSchema = z.object({
  listingId: uint,
  items: z.array(indexedListingSchema.extend({ similarity: z.number().min(0).max(1) })).max(24),
});

const flag = z.union([
  z.object({ kind: z.literal("funded-by-seller"), via: z.enum(["eth", "token", "withdrawal"]), transactionHash: z.string().regex(/^0x[0-9a-f]{64}$/), blockNumber: when }),
  z.object({ kind: z.literal("back-and-forth"), medianInToken: uint }),
]);
export type TrustFlag = z.infer<typeof flag>;

export const ratingTrustSchema = z.object({
  address,
  plain: z.object({ count, average: z.number().nullable() }),
  weighted: z.array(z.object({ token: address, count, value: uint, average: z.number().nullable() })),
  distinctBuyers: count,
  repeatBuyers: count,
  ratingsFromRepeatBuyers: count,
  flagged: z.array(
    z.object({ orderId: uint, rater: address, score: z.number().int().min(1).max(5), token: address, amount: uint, flags: z.array(flag).min(1) }),
  ),
  withoutFlagged: z.object({ count, average: z.number().nullable() }),
  fundingChecks: z.object({ checked: count, pending: count }),
});
export type RatingTrust = z.infer<typeof ratingTrustSchema>;

export const fetchMarketStats = (base: string, signal?: AbortSignal) => indexerGet(base, "/api/stats", marketStatsSchema, signal);
export const fetchSellerAnalytics = (base: string, seller: Address, signal?: AbortSignal) =>
  indexerGet(base, `/api/sellers/${seller.toLowerCase()}/analytics`, sellerAnalyticsSchema, signal);
export const fetchPriceSuggestion = (base: string, category: string, token: Address, signal?: AbortSignal) =>
  indexerGet(
    base,
    `/api/price-suggestion?${new URLSearchParams({ category, token: token.toLowerCase() })}`,
    priceSuggestionSchema,
    signal,
  );
export const fetchSimilarListings = (base: string, listingId: bigint, limit: number, signal?: AbortSignal) =>
  indexerGet(base, `/api/listings/${listingId}/similar?limit=${limit}`, similarListingsSchema, signal);
export const fetchRatingTrust = (base: string, account: Address, signal?: AbortSignal) =>
  indexerGet(base, `/api/accounts/${account.toLowerCase()}/trust`, ratingTrustSchema, signal);

/** The seller's sales CSV from the indexer, as a file the browser can save. */
export async function fetchSalesCsv(base: string, seller: Address): Promise<Blob> {
  const response = await fetch(`${base}/api/sellers/${seller.toLowerCase()}/sales.csv`, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`The search service answered ${response.status}.`);
  const text = await response.text();
  if (!text.startsWith("order_id,placed_at,")) throw new Error("The search service sent something that is not the sales CSV.");
  return new Blob([text], { type: "text/csv;charset=utf-8" });
}
