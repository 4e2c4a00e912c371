/**
 * A seller's analytics for the dashboard (`GET /api/sellers/:address/analytics`): revenue over time per token, the
 * order funnel, time to ship, rating over time, repeat buyers, best-selling listings and stock alerts. Queries over
 * the indexer's tables of chain events, each by the seller's index, with "now" the last indexed block's time.
 */
import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { average } from "../routes/numbers.ts";
import { paidSeries, PAID_STATES, type SeriesPoint } from "./market-stats.ts";
import { bucketSql, DAY } from "./time-buckets.ts";

/** Stock alerts look at the units sold over this many days. */
export const PACE_DAYS = 30;
/** Best-selling listings returned. */
export const BEST_SELLERS = 5;
const PAID = `('${PAID_STATES.join("','")}')`;
/** Orders that went ahead (not refunded by a decline or a cancellation). */
const WENT_AHEAD = "o.state NOT IN ('Declined', 'Cancelled')";

export interface SellerAnalytics {
  seller: string;
  asOf: number;
  revenue: Array<{ token: string; orders: number; total: string; daily: SeriesPoint[]; weekly: SeriesPoint[] }>;
  funnel: {
    placed: number;
    fulfilled: number;
    completed: number;
    declined: number;
    cancelled: number;
    disputed: number;
    settled: number;
    ruled: number;
    open: number;
  };
  shipping: { count: number; average: number | null; median: number | null };
  ratings: {
    count: number;
    average: number | null;
    weekly: Array<{ start: number; count: number; average: number; cumulativeCount: number; cumulativeAverage: number }>;
  };
  buyers: { distinct: number; repeat: number; ordersFromRepeat: number };
  bestSellers: Array<{ listingId: string; title: string | null; token: string; orders: number; units: string; amount: string }>;
  stockAlerts: Array<{ listingId: string; title: string | null; stock: string; soldRecently: string; kind: "sold-out" | "low"; daysLeft: number | null }>;
}

export async function sellerAnalytics(ctx: ApiContext, seller: string, asOf: number): Promise<SellerAnalytics> {
  const s = ctx.schema;
  const since = asOf - PACE_DAYS * DAY;
  const [series, tokens, funnel, ratings, buyers, best, alerts] = await Promise.all([
    paidSeries(ctx, asOf, { sql: "o.seller = $1", values: [seller] }, "o.payout_seller"),
    ctx.pool.query<{ token: string; orders: number; total: string }>(
      `SELECT t.token, count(o.id)::int AS orders, coalesce(sum(o.payout_seller), 0)::text AS total
       FROM (SELECT DISTINCT token FROM ${s}.listing WHERE seller = $1) t
       LEFT JOIN ${s}.orders o ON o.seller = $1 AND o.token = t.token AND o.state IN ${PAID}
       GROUP BY t.token ORDER BY t.token`,
      [seller],
    ),
    ctx.pool.query<Record<string, number | string | null>>(
      `SELECT count(*)::int AS placed, count(o.fulfilled_at)::int AS fulfilled,
         count(*) FILTER (WHERE o.state = 'Completed')::int AS completed,
         count(*) FILTER (WHERE o.state = 'Declined')::int AS declined,
         count(*) FILTER (WHERE o.state = 'Cancelled')::int AS cancelled,
         count(o.disputed_at)::int AS disputed,
         count(*) FILTER (WHERE o.state = 'Settled')::int AS settled,
         count(*) FILTER (WHERE o.state = 'Ruled')::int AS ruled,
         count(*) FILTER (WHERE o.state IN ('Funded', 'Fulfilled', 'Disputed'))::int AS open,
         round(avg(o.fulfilled_at - o.placed_at))::text AS ship_average,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY o.fulfilled_at - o.placed_at)::text AS ship_median
       FROM ${s}.orders o WHERE o.seller = $1`,
      [seller],
    ),
    ctx.pool.query<{ start: string; n: number; sum: number }>(
      `SELECT ${bucketSql("r.timestamp", "week")}::text AS start, count(*)::int AS n, sum(r.score)::int AS sum
       FROM ${s}.rating r WHERE r.ratee = $1 AND r.role = 'Seller' GROUP BY 1 ORDER BY 1`,
      [seller],
    ),
    ctx.pool.query<{ distinct: number; repeat: number; from_repeat: number }>(
      `SELECT count(*)::int AS distinct, count(*) FILTER (WHERE n >= 2)::int AS repeat,
         coalesce(sum(n) FILTER (WHERE n >= 2), 0)::int AS from_repeat
       FROM (SELECT buyer, count(*) AS n FROM ${s}.orders WHERE seller = $1 GROUP BY buyer) b`,
      [seller],
    ),
    ctx.pool.query<{ listing_id: string; title: string | null; token: string; orders: number; units: string; amount: string }>(
      `SELECT b.listing_id::text, d.title, b.token, b.orders, b.units::text, b.amount::text
       FROM (SELECT o.listing_id, o.token, count(*)::int AS orders, sum(o.quantity) AS units, sum(o.amount) AS amount
             FROM ${s}.orders o WHERE o.seller = $1 AND ${WENT_AHEAD}
             GROUP BY 1, 2 ORDER BY units DESC, orders DESC, o.listing_id DESC LIMIT ${BEST_SELLERS}) b
       JOIN ${s}.listing l ON l.id = b.listing_id
       LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = l.metadata_digest AND d.kind = 'listing' AND d.status = 'valid'
       ORDER BY b.units DESC, b.orders DESC, b.listing_id DESC`,
      [seller],
    ),
    ctx.pool.query<{ id: string; title: string | null; stock: string; sold: string }>(
      `SELECT l.id::text, d.title, l.stock::text, coalesce(r.units, 0)::text AS sold
       FROM ${s}.listing l
       LEFT JOIN (SELECT o.listing_id, sum(o.quantity) AS units FROM ${s}.orders o
                  WHERE o.seller = $1 AND o.placed_at >= $2 AND ${WENT_AHEAD} GROUP BY 1) r ON r.listing_id = l.id
       LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = l.metadata_digest AND d.kind = 'listing' AND d.status = 'valid'
       WHERE l.seller = $1 AND NOT l.closed AND l.stock <= coalesce(r.units, 0)
       ORDER BY l.stock, l.id`,
      [seller, since],
    ),
  ]);

  const f = funnel.rows[0]!;
  let cumulativeCount = 0;
  let cumulativeSum = 0;
  const weekly = ratings.rows.map((row) => {
    cumulativeCount += row.n;
    cumulativeSum += row.sum;
    return {
      start: Number(row.start),
      count: row.n,
      average: average(row.sum, row.n)!,
      cumulativeCount,
      cumulativeAverage: average(cumulativeSum, cumulativeCount)!,
    };
  });
  const b = buyers.rows[0]!;
  return {
    seller,
    asOf,
    revenue: tokens.rows.map((t) => ({ token: t.token, orders: t.orders, total: t.total, ...series(t.token) })),
    funnel: {
      placed: Number(f.placed),
      fulfilled: Number(f.fulfilled),
      completed: Number(f.completed),
      declined: Number(f.declined),
      cancelled: Number(f.cancelled),
      disputed: Number(f.disputed),
      settled: Number(f.settled),
      ruled: Number(f.ruled),
      open: Number(f.open),
    },
    shipping: {
      count: Number(f.fulfilled),
      average: f.ship_average === null ? null : Number(f.ship_average),
      median: f.ship_median === null ? null : Number(f.ship_median),
    },
    ratings: { count: cumulativeCount, average: average(cumulativeSum, cumulativeCount), weekly },
    buyers: { distinct: b.distinct, repeat: b.repeat, ordersFromRepeat: b.from_repeat },
    bestSellers: best.rows.map((r) => ({ listingId: r.listing_id, title: r.title, token: r.token, orders: r.orders, units: r.units, amount: r.amount })),
    stockAlerts: alerts.rows.map((r) => {
      const stock = BigInt(r.stock);
      const sold = BigInt(r.sold);
      return {
        listingId: r.id,
        title: r.title,
        stock: r.stock,
        soldRecently: r.sold,
        kind: stock === 0n ? ("sold-out" as const) : ("low" as const),
        daysLeft: stock === 0n ? null : Number((stock * BigInt(PACE_DAYS)) / sold),
      };
    }),
  };
}
