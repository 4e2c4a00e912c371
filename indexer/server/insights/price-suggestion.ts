/**
 * A price suggestion for the sell form (`GET /api/price-suggestion?category=&token=`): the median, lowest and
 * highest unit price of the sales completed in that category and token over the last 90 days (the price of the
 * listing version bought; the category of its document), with how many sales that is. Under three sales the figures
 * are withheld: too few to suggest anything, and they could point at one person's purchases.
 */
import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { DAY } from "./time-buckets.ts";

export const SUGGESTION_DAYS = 90;
export const MIN_SALES = 3;

export interface PriceSuggestion {
  category: string;
  token: string;
  days: number;
  asOf: number;
  count: number;
  /** Unit prices in the token's base units; null under MIN_SALES sales. */
  median: string | null;
  low: string | null;
  high: string | null;
}

export async function priceSuggestion(ctx: ApiContext, category: string, token: string, asOf: number): Promise<PriceSuggestion> {
  const { rows } = await ctx.pool.query<{ n: number; median: string | null; low: string | null; high: string | null }>(
    `SELECT count(*)::int AS n, percentile_disc(0.5) WITHIN GROUP (ORDER BY v.price)::text AS median,
       min(v.price)::text AS low, max(v.price)::text AS high
     FROM ${ctx.schema}.orders o
     JOIN ${ctx.schema}.listing_version v ON v.listing_id = o.listing_id AND v.version = o.listing_version
     JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = v.metadata_digest AND d.kind = 'listing' AND d.status = 'valid'
     WHERE o.state = 'Completed' AND o.token = $1 AND o.ended_at >= $2 AND d.category = $3`,
    [token, asOf - SUGGESTION_DAYS * DAY, category],
  );
  const row = rows[0]!;
  const enough = row.n >= MIN_SALES;
  return {
    category,
    token,
    days: SUGGESTION_DAYS,
    asOf,
    count: row.n,
    median: enough ? row.median : null,
    low: enough ? row.low : null,
    high: enough ? row.high : null,
  };
}
