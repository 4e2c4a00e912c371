/**
 * `GET /api/stats`: market aggregates (listings, orders per state, per-token volumes and fees, ratings, documents)
 * and the market's analytics (insights/market-stats.ts).
 */
import { Hono } from "hono";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { marketAnalytics } from "../insights/market-stats.ts";
import { indexedTime } from "../insights/time-buckets.ts";
import { parseNoQuery } from "../query-params.ts";
import { listingCountsByKeySql, type ListingCountRow } from "../search/listing-counts.ts";
import { projectionSchema } from "../search/projection.ts";
import { SnapshotCache } from "../snapshot-cache.ts";
import { average } from "./numbers.ts";

export function statsRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  // Computed once per change of the database (a block indexed, a document fetched), served from memory in between;
  // while people look at it (asked for in the last 10 minutes), computed again in the background after each change,
  // noticed within 200 ms (one snapshot read each time).
  const cache = new SnapshotCache<MarketStats>(ctx.pool, { capacity: 1, keepWarmForMs: 10 * 60_000, checkEveryMs: 200 });
  app.get("/", async (c) => {
    parseNoQuery(new URL(c.req.url));
    const { value, outcome } = await cache.get("stats", () => marketStats(ctx));
    c.header("server-timing", `cache;desc=${outcome}`, { append: true });
    return c.json(value);
  });
  return app;
}

export type MarketStats = Awaited<ReturnType<typeof marketStats>>;

async function marketStats(ctx: ApiContext) {
  const s = ctx.schema;
  const asOf = await indexedTime(ctx);
  const listingCounts = ctx.pool.query<ListingCountRow>(listingCountsByKeySql(projectionSchema(ctx.rawSchema))).then((r) => r.rows);
  const [listings, states, tokens, ratings, accounts, documents, protocol, analytics] = await Promise.all([
    listingCounts,
    ctx.pool.query<{ state: string; orders: number }>(`SELECT state, orders FROM ${s}.state_count ORDER BY state`),
    ctx.pool.query<Record<string, string | number>>(
      `SELECT token, listings, orders, orders_ended, volume::text, paid_to_sellers::text, refunded_to_buyers::text,
         protocol_fees::text, arbiter_fees::text FROM ${s}.token_stats ORDER BY token`,
    ),
    ctx.pool.query<{ n: number; sum: number }>(`SELECT count(*)::int AS n, coalesce(sum(score), 0)::int AS sum FROM ${s}.rating`),
    ctx.pool.query<{ sellers: number; buyers: number; arbiters: number }>(
      `SELECT count(*) FILTER (WHERE listings > 0)::int AS sellers, count(*) FILTER (WHERE orders_as_buyer > 0)::int AS buyers,
         count(*) FILTER (WHERE disputes_as_arbiter > 0)::int AS arbiters FROM ${s}.account`,
    ),
    ctx.pool.query<{ status: string; n: number }>(
      `SELECT coalesce(d.status, 'pending') AS status, count(*)::int AS n
       FROM ${s}.document_ref r LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = r.digest AND d.kind = r.kind
       GROUP BY 1`,
    ),
    ctx.pool.query<{ protocol_fee_bps: number | null; fee_recipient: string | null; pause_guardian: string | null; paused: boolean; paused_until: string | null }>(
      `SELECT protocol_fee_bps, fee_recipient, pause_guardian, paused, paused_until::text FROM ${s}.protocol WHERE id = 'escrow'`,
    ),
    marketAnalytics(ctx, asOf, listingCounts),
  ]);
  const byState: Record<string, number> = {};
  for (const row of states.rows) byState[row.state] = row.orders;
  const docs: Record<string, number> = { valid: 0, invalid: 0, unavailable: 0, pending: 0 };
  for (const row of documents.rows) docs[row.status] = row.n;
  const gov = protocol.rows[0];
  return {
    listings: {
      total: sum(listings, () => true),
      open: sum(listings, (r) => !r.closed),
      inStock: sum(listings, (r) => !r.closed && r.in_stock),
    },
    orders: { total: Object.values(byState).reduce((a, b) => a + b, 0), byState },
    tokens: tokens.rows.map((t) => ({
      token: t.token,
      listings: t.listings,
      orders: t.orders,
      ordersEnded: t.orders_ended,
      volume: t.volume,
      paidToSellers: t.paid_to_sellers,
      refundedToBuyers: t.refunded_to_buyers,
      protocolFees: t.protocol_fees,
      arbiterFees: t.arbiter_fees,
    })),
    ratings: { count: ratings.rows[0]!.n, average: average(ratings.rows[0]!.sum, ratings.rows[0]!.n) },
    accounts: accounts.rows[0],
    documents: docs,
    protocol:
      gov === undefined
        ? null
        : {
            protocolFeeBps: gov.protocol_fee_bps,
            feeRecipient: gov.fee_recipient,
            pauseGuardian: gov.pause_guardian,
            paused: gov.paused,
            pausedUntil: gov.paused_until === null ? null : Number(gov.paused_until),
          },
    ...analytics,
  };
}

function sum(rows: ListingCountRow[], which: (row: ListingCountRow) => boolean): number {
  return rows.filter(which).reduce((total, row) => total + row.n, 0);
}
