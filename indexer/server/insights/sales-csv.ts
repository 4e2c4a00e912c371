/**
 * A seller's sales as CSV (`GET /api/sellers/:address/sales.csv`): one row per order, oldest first, with its dates
 * (UTC, ISO 8601), listing, buyer, quantity, the amount paid and where it went (protocol fee, arbiter fee, seller,
 * refund), and its outcome. Amounts are written exactly in the token's decimals (the `decimals` column says how
 * many), never rounded through floating point.
 */
import { formatUnits } from "viem";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { csvField, csvLine } from "./csv.ts";
import type { TokenInfo } from "./token-info.ts";

export const SALES_CSV_COLUMNS = [
  "order_id",
  "placed_at",
  "fulfilled_at",
  "ended_at",
  "outcome",
  "by_timeout",
  "listing_id",
  "listing_version",
  "title",
  "buyer",
  "quantity",
  "token",
  "symbol",
  "decimals",
  "unit_price",
  "amount",
  "protocol_fee",
  "arbiter_fee",
  "seller_payout",
  "buyer_refund",
] as const;

interface SaleRow {
  id: string;
  placed_at: string;
  fulfilled_at: string | null;
  ended_at: string | null;
  state: string;
  by_timeout: boolean | null;
  listing_id: string;
  listing_version: string;
  title: string | null;
  buyer: string;
  quantity: string;
  token: string;
  price: string;
  amount: string;
  payout_protocol: string | null;
  payout_arbiter: string | null;
  payout_seller: string | null;
  payout_buyer: string | null;
}

export function isoTime(seconds: string | null): string | null {
  return seconds === null ? null : new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

export async function salesCsv(ctx: ApiContext, seller: string, tokenInfo: (token: string) => Promise<TokenInfo>): Promise<string> {
  const { rows } = await ctx.pool.query<SaleRow>(
    `SELECT o.id::text, o.placed_at::text, o.fulfilled_at::text, o.ended_at::text, o.state, o.by_timeout,
       o.listing_id::text, o.listing_version::text, d.title, o.buyer, o.quantity::text, o.token, v.price::text,
       o.amount::text, o.payout_protocol::text, o.payout_arbiter::text, o.payout_seller::text, o.payout_buyer::text
     FROM ${ctx.schema}.orders o
     JOIN ${ctx.schema}.listing_version v ON v.listing_id = o.listing_id AND v.version = o.listing_version
     LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = v.metadata_digest AND d.kind = 'listing' AND d.status = 'valid'
     WHERE o.seller = $1
     ORDER BY o.placed_at, o.id`,
    [seller],
  );
  const infos = new Map<string, TokenInfo>();
  for (const token of new Set(rows.map((r) => r.token))) infos.set(token, await tokenInfo(token));
  let out = csvLine([...SALES_CSV_COLUMNS]);
  for (const r of rows) {
    const info = infos.get(r.token)!;
    const money = (value: string | null) => (value === null ? null : formatUnits(BigInt(value), info.decimals));
    out += csvLine([
      csvField(r.id),
      csvField(isoTime(r.placed_at)),
      csvField(isoTime(r.fulfilled_at)),
      csvField(isoTime(r.ended_at)),
      csvField(r.state),
      csvField(r.ended_at === null ? null : r.by_timeout === true),
      csvField(r.listing_id),
      csvField(r.listing_version),
      csvField(r.title, true),
      csvField(r.buyer),
      csvField(r.quantity),
      csvField(r.token),
      csvField(info.symbol, true),
      csvField(info.decimals),
      csvField(money(r.price)),
      csvField(money(r.amount)),
      csvField(money(r.payout_protocol)),
      csvField(money(r.payout_arbiter)),
      csvField(money(r.payout_seller)),
      csvField(money(r.payout_buyer)),
    ]);
  }
  return out;
}
