/** Listings as the API returns them, read by id with their document and the seller's rating. */
import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { documentView, type DocumentView } from "./documents.ts";
import { average } from "./numbers.ts";

/** Descriptions in lists are cut to this many characters (the listing's own answer has all of it). */
export const EXCERPT_CHARS = 300;

interface ListingRow {
  id: string;
  seller: string;
  token: string;
  price: string;
  stock: string;
  version: string;
  closed: boolean;
  arbiter: string;
  arbiter_fee_bps: number;
  fulfillment_window: number;
  confirmation_window: number;
  metadata_digest: string;
  created_at: string;
  created_block: string;
  updated_at: string;
  order_count: number;
  units_sold: string;
  doc_status: string | null;
  doc_error: string | null;
  doc_body: { description?: string } | null;
  ratings_as_seller: number | null;
  score_sum_as_seller: number | null;
}

export interface ListingItem {
  id: string;
  seller: string;
  token: string;
  price: string;
  stock: string;
  version: string;
  closed: boolean;
  arbiter: string;
  arbiterFeeBps: number;
  fulfillmentWindow: number;
  confirmationWindow: number;
  createdAt: number;
  createdBlock: number;
  updatedAt: number;
  orderCount: number;
  unitsSold: string;
  sellerRating: { count: number; average: number | null };
  metadata: DocumentView;
  relevance?: number;
}

export async function readListings(ctx: ApiContext, ids: readonly bigint[], excerpt: boolean): Promise<ListingItem[]> {
  if (ids.length === 0) return [];
  const { rows } = await ctx.pool.query<ListingRow>(
    `SELECT l.id::text, l.seller, l.token, l.price::text, l.stock::text, l.version::text, l.closed, l.arbiter,
       l.arbiter_fee_bps, l.fulfillment_window, l.confirmation_window, l.metadata_digest, l.created_at::text,
       l.created_block::text, l.updated_at::text, l.order_count, l.units_sold::text,
       d.status AS doc_status, d.error AS doc_error, d.body AS doc_body,
       a.ratings_as_seller, a.score_sum_as_seller
     FROM ${ctx.schema}.listing l
     LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = l.metadata_digest AND d.kind = 'listing'
     LEFT JOIN ${ctx.schema}.account a ON a.address = l.seller
     WHERE l.id = ANY($1::numeric[])`,
    [ids.map(String)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id.toString());
    return row === undefined ? [] : [toItem(row, excerpt)];
  });
}

function toItem(row: ListingRow, excerpt: boolean): ListingItem {
  let body = row.doc_body;
  if (excerpt && body !== null && typeof body.description === "string" && body.description.length > EXCERPT_CHARS) {
    body = { ...body, description: `${body.description.slice(0, EXCERPT_CHARS)}…` };
  }
  return {
    id: row.id,
    seller: row.seller,
    token: row.token,
    price: row.price,
    stock: row.stock,
    version: row.version,
    closed: row.closed,
    arbiter: row.arbiter,
    arbiterFeeBps: row.arbiter_fee_bps,
    fulfillmentWindow: row.fulfillment_window,
    confirmationWindow: row.confirmation_window,
    createdAt: Number(row.created_at),
    createdBlock: Number(row.created_block),
    updatedAt: Number(row.updated_at),
    orderCount: row.order_count,
    unitsSold: row.units_sold,
    sellerRating: {
      count: row.ratings_as_seller ?? 0,
      average: average(row.score_sum_as_seller ?? 0, row.ratings_as_seller ?? 0),
    },
    metadata: documentView({ digest: row.metadata_digest, status: row.doc_status, error: row.doc_error, body })!,
  };
}
