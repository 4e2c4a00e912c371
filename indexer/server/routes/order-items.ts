/** Orders as the API returns them: terms, state, every deadline and transition time, amounts in base units. */
import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { documentView } from "./documents.ts";
import { num } from "./numbers.ts";

export const ORDER_COLUMNS = `o.id::text, o.listing_id::text, o.listing_version::text, o.buyer, o.seller, o.arbiter, o.token,
  o.quantity::text, o.amount::text, o.protocol_fee_bps, o.arbiter_fee_bps, o.state, o.placed_at::text,
  o.fulfillment_deadline::text, o.fulfilled_at::text, o.confirmation_deadline::text, o.note_digest, o.disputed_at::text,
  o.response_deadline::text, o.respondent_heard, o.ruling_deadline::text, o.proposer, o.proposed_buyer_share_bps, o.ended_at::text,
  o.by_timeout, o.buyer_share_bps, o.payout_buyer::text, o.payout_seller::text, o.payout_arbiter::text,
  o.payout_protocol::text, o.evidence_count, o.updated_at::text,
  n.status AS note_status, n.error AS note_error, n.body AS note_body`;

export const ORDER_NOTE_JOIN = `LEFT JOIN ${DOCUMENTS_SCHEMA}.document n ON n.digest = o.note_digest AND n.kind = 'note'`;

export interface OrderRow {
  id: string;
  listing_id: string;
  listing_version: string;
  buyer: string;
  seller: string;
  arbiter: string;
  token: string;
  quantity: string;
  amount: string;
  protocol_fee_bps: number;
  arbiter_fee_bps: number;
  state: string;
  placed_at: string;
  fulfillment_deadline: string;
  fulfilled_at: string | null;
  confirmation_deadline: string | null;
  note_digest: string | null;
  disputed_at: string | null;
  response_deadline: string | null;
  respondent_heard: boolean;
  ruling_deadline: string | null;
  proposer: string | null;
  proposed_buyer_share_bps: number | null;
  ended_at: string | null;
  by_timeout: boolean | null;
  buyer_share_bps: number | null;
  payout_buyer: string | null;
  payout_seller: string | null;
  payout_arbiter: string | null;
  payout_protocol: string | null;
  evidence_count: number;
  updated_at: string;
  note_status: string | null;
  note_error: string | null;
  note_body: unknown;
}

export function orderView(o: OrderRow) {
  return {
    id: o.id,
    listingId: o.listing_id,
    listingVersion: o.listing_version,
    buyer: o.buyer,
    seller: o.seller,
    arbiter: o.arbiter,
    token: o.token,
    quantity: o.quantity,
    amount: o.amount,
    protocolFeeBps: o.protocol_fee_bps,
    arbiterFeeBps: o.arbiter_fee_bps,
    state: o.state,
    placedAt: Number(o.placed_at),
    fulfillmentDeadline: Number(o.fulfillment_deadline),
    fulfilledAt: num(o.fulfilled_at),
    confirmationDeadline: num(o.confirmation_deadline),
    disputedAt: num(o.disputed_at),
    responseDeadline: num(o.response_deadline),
    respondentHeard: o.respondent_heard,
    rulingDeadline: num(o.ruling_deadline),
    endedAt: num(o.ended_at),
    byTimeout: o.by_timeout,
    proposal: o.proposer === null ? null : { proposer: o.proposer, buyerShareBps: o.proposed_buyer_share_bps },
    outcome:
      o.ended_at === null
        ? null
        : {
            buyerShareBps: o.buyer_share_bps,
            buyer: o.payout_buyer,
            seller: o.payout_seller,
            arbiter: o.payout_arbiter,
            protocol: o.payout_protocol,
          },
    evidenceCount: o.evidence_count,
    note: documentView({ digest: o.note_digest, status: o.note_status, error: o.note_error, body: o.note_body }),
    updatedAt: Number(o.updated_at),
  };
}

/** The listing's title for each order (from the metadata of the version bought), for lists. */
export async function orderTitles(ctx: ApiContext, orders: OrderRow[]): Promise<Map<string, string | null>> {
  if (orders.length === 0) return new Map();
  const { rows } = await ctx.pool.query<{ id: string; title: string | null }>(
    `SELECT o.id::text, d.title
     FROM ${ctx.schema}.orders o
     JOIN ${ctx.schema}.listing_version v ON v.listing_id = o.listing_id AND v.version = o.listing_version
     LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = v.metadata_digest AND d.kind = 'listing' AND d.status = 'valid'
     WHERE o.id = ANY($1::numeric[])`,
    [orders.map((o) => o.id)],
  );
  return new Map(rows.map((r) => [r.id, r.title]));
}
