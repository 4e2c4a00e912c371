/**
 * The market's analytics for `GET /api/stats`, beside its running totals: volume per token per day and per week,
 * orders by outcome, the dispute rate, how long orders take to be fulfilled and completed, active accounts, and
 * listings and sales per category. Every figure is a query over the indexer's tables of chain events (categories
 * come from the listings' verified documents), with "now" the last indexed block's time.
 */
import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import type { ListingCountRow } from "../search/listing-counts.ts";
import { durationSummary, durationSummarySql, type DurationSummary } from "./percentiles.ts";
import { bucketSql, bucketStarts, DAY, fillSeries, type BucketSize } from "./time-buckets.ts";

/** States in which the seller was paid (wholly or in part): what volume counts. */
export const PAID_STATES = ["Completed", "Settled", "Ruled"] as const;
const PAID = `('${PAID_STATES.join("','")}')`;
/** Accounts count as active with a listing created or an order placed within this many days. */
export const ACTIVE_DAYS = 30;

export interface SeriesPoint {
  start: number;
  orders: number;
  amount: string;
}

export interface MarketAnalytics {
  asOf: number;
  volume: Array<{ token: string; daily: SeriesPoint[]; weekly: SeriesPoint[] }>;
  outcomes: {
    completed: number;
    completedByTimeout: number;
    settled: number;
    settledByTimeout: number;
    ruled: number;
    declined: number;
    cancelled: number;
    open: { funded: number; fulfilled: number; disputed: number };
  };
  disputes: { orders: number; disputed: number; rate: number | null };
  timing: { toFulfil: DurationSummary; toComplete: DurationSummary };
  active: { days: number; sellers: number; buyers: number };
  categories: Array<{
    category: string;
    listings: number;
    openListings: number;
    orders: number;
    sales: number;
    volume: Array<{ token: string; amount: string }>;
  }>;
  protocolFees: Array<{ token: string; collected: string; claimed: string }>;
}

export type TokenSeries = (token: string) => { daily: SeriesPoint[]; weekly: SeriesPoint[] };

/**
 * Per token, per day (last 90) and per ISO week (last 52): the orders that paid the seller and the sum of
 * `amountColumn` over them, for the orders `where` selects (on orders `o`), by the time they ended.
 */
export async function paidSeries(
  ctx: ApiContext,
  asOf: number,
  where: { sql: string; values: unknown[] },
  amountColumn: string,
): Promise<TokenSeries> {
  const bySize = async (size: BucketSize) => {
    const starts = bucketStarts(asOf, size);
    const values = [...where.values, starts[0]];
    const { rows } = await ctx.pool.query<{ token: string; start: string; orders: number; amount: string }>(
      `SELECT o.token, ${bucketSql("o.ended_at", size)}::text AS start, count(*)::int AS orders, sum(${amountColumn})::text AS amount
       FROM ${ctx.schema}.orders o
       WHERE o.state IN ${PAID} AND o.ended_at >= $${values.length} AND ${where.sql}
       GROUP BY 1, 2`,
      values,
    );
    const found = new Map<string, Map<number, { orders: number; amount: string }>>();
    for (const row of rows) {
      const perToken = found.get(row.token) ?? new Map<number, { orders: number; amount: string }>();
      perToken.set(Number(row.start), { orders: row.orders, amount: row.amount });
      found.set(row.token, perToken);
    }
    return (token: string) => fillSeries(starts, found.get(token) ?? new Map(), { orders: 0, amount: "0" });
  };
  const [daily, weekly] = await Promise.all([bySize("day"), bySize("week")]);
  return (token) => ({ daily: daily(token), weekly: weekly(token) });
}

/** `listingCounts`: every listing's count by key (search/listing-counts.ts), which the caller reads for its totals too. */
export async function marketAnalytics(ctx: ApiContext, asOf: number, listingCounts: Promise<ListingCountRow[]>): Promise<MarketAnalytics> {
  const s = ctx.schema;
  const activeSince = asOf - ACTIVE_DAYS * DAY;
  const [series, states, timing, active, counts, sales, fees] = await Promise.all([
    paidSeries(ctx, asOf, { sql: "true", values: [] }, "o.amount"),
    ctx.pool.query<{ state: string; by_timeout: boolean; n: number; disputed: number }>(
      `SELECT state, coalesce(by_timeout, false) AS by_timeout, count(*)::int AS n,
         count(*) FILTER (WHERE disputed_at IS NOT NULL)::int AS disputed
       FROM ${s}.orders GROUP BY 1, 2`,
    ),
    ctx.pool.query<Record<string, unknown>>(
      `SELECT ${durationSummarySql("o.fulfilled_at - o.placed_at", "fulfil")},
         ${durationSummarySql("CASE WHEN o.state = 'Completed' THEN o.ended_at - o.placed_at END", "complete")}
       FROM ${s}.orders o`,
    ),
    ctx.pool.query<{ sellers: number; buyers: number }>(
      `SELECT
         (SELECT count(*)::int FROM (SELECT seller FROM ${s}.listing WHERE created_at >= $1
                                     UNION SELECT seller FROM ${s}.orders WHERE placed_at >= $1) a) AS sellers,
         (SELECT count(DISTINCT buyer)::int FROM ${s}.orders WHERE placed_at >= $1) AS buyers`,
      [activeSince],
    ),
    listingCounts,
    ctx.pool.query<{ category: string; token: string; orders: number; sales: number; amount: string }>(
      `SELECT d.category, o.token, count(*)::int AS orders, count(*) FILTER (WHERE o.state IN ${PAID})::int AS sales,
         coalesce(sum(o.amount) FILTER (WHERE o.state IN ${PAID}), 0)::text AS amount
       FROM ${s}.orders o
       JOIN ${s}.listing_version v ON v.listing_id = o.listing_id AND v.version = o.listing_version
       JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = v.metadata_digest AND d.kind = 'listing' AND d.status = 'valid'
       GROUP BY 1, 2`,
    ),
    ctx.pool.query<{ token: string; collected: string; claimed: string }>(
      `SELECT t.token, t.protocol_fees::text AS collected,
         coalesce((SELECT sum(e.amount) FROM ${s}.protocol_event e WHERE e.kind = 'ProtocolFeesClaimed' AND e.token = t.token), 0)::text AS claimed
       FROM ${s}.token_stats t ORDER BY t.token`,
    ),
  ]);

  const count = (state: string, byTimeout?: boolean) =>
    states.rows.filter((r) => r.state === state && (byTimeout === undefined || r.by_timeout === byTimeout)).reduce((a, r) => a + r.n, 0);
  const orders = states.rows.reduce((a, r) => a + r.n, 0);
  const disputed = states.rows.reduce((a, r) => a + r.disputed, 0);

  const categories = new Map<string, MarketAnalytics["categories"][number]>();
  const category = (name: string) => {
    let entry = categories.get(name);
    if (entry === undefined) {
      entry = { category: name, listings: 0, openListings: 0, orders: 0, sales: 0, volume: [] };
      categories.set(name, entry);
    }
    return entry;
  };
  // Listings with a valid document: the others have no category yet ('') or never will (null).
  for (const row of counts) {
    if (row.category === null || row.category === "") continue;
    const entry = category(row.category);
    entry.listings += row.n;
    if (!row.closed) entry.openListings += row.n;
  }
  for (const row of sales.rows) {
    const entry = category(row.category);
    entry.orders += row.orders;
    entry.sales += row.sales;
    if (row.sales > 0) entry.volume.push({ token: row.token, amount: row.amount });
  }
  for (const entry of categories.values()) entry.volume.sort((a, b) => (a.token < b.token ? -1 : 1));

  return {
    asOf,
    volume: fees.rows.map(({ token }) => ({ token, ...series(token) })),
    outcomes: {
      completed: count("Completed"),
      completedByTimeout: count("Completed", true),
      settled: count("Settled"),
      settledByTimeout: count("Settled", true),
      ruled: count("Ruled"),
      declined: count("Declined"),
      cancelled: count("Cancelled"),
      open: { funded: count("Funded"), fulfilled: count("Fulfilled"), disputed: count("Disputed") },
    },
    disputes: { orders, disputed, rate: orders === 0 ? null : Math.round((disputed / orders) * 10_000) / 10_000 },
    timing: { toFulfil: durationSummary(timing.rows[0]!, "fulfil"), toComplete: durationSummary(timing.rows[0]!, "complete") },
    active: { days: ACTIVE_DAYS, sellers: active.rows[0]!.sellers, buyers: active.rows[0]!.buyers },
    categories: [...categories.values()].sort((a, b) => b.listings - a.listings || (a.category < b.category ? -1 : 1)),
    protocolFees: fees.rows.map((r) => ({ token: r.token, collected: r.collected, claimed: r.claimed })),
  };
}

