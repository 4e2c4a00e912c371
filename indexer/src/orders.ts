/**
 * Escrow events: orders, their states, deadlines, amounts and timelines, and the market aggregates they move.
 * Deadlines are computed exactly as the contract sets them (see docs/PROTOCOL.md): the confirmation deadline is the
 * fulfilment time plus the listing's confirmation window.
 */
import { ponder, type Context } from "ponder:registry";
import { listing, order } from "ponder:schema";

import {
  countForAccount,
  countForToken,
  documentDigest,
  lower,
  moveStateCount,
  recordOrderEvent,
  referenceDocument,
} from "./shared.ts";

type Db = Context["db"];

async function moveOrder(db: Db, orderId: bigint, to: string, at: bigint, set: Partial<typeof order.$inferInsert> = {}) {
  const before = await db.find(order, { id: orderId });
  if (before === null) throw new Error(`Order ${orderId} moved to ${to} before it was placed`);
  // Read before the update: Ponder's cache may hand back the same record, updated in place.
  const from = before.state;
  const after = await db.update(order, { id: orderId }).set({ ...set, state: to, updatedAt: at });
  await moveStateCount(db, from, to);
  return after;
}

ponder.on("Escrow:OrderPlaced", async ({ event, context }) => {
  const { args } = event;
  const at = event.block.timestamp;
  const bought = await context.db.update(listing, { id: args.listingId }).set((row) => ({
    stock: row.stock - args.quantity,
    orderCount: row.orderCount + 1,
    unitsSold: row.unitsSold + args.quantity,
    updatedAt: at,
  }));
  await context.db.insert(order).values({
    id: args.orderId,
    listingId: args.listingId,
    listingVersion: args.listingVersion,
    buyer: lower(args.buyer),
    seller: lower(args.seller),
    arbiter: bought.arbiter,
    token: bought.token,
    quantity: args.quantity,
    amount: args.amount,
    protocolFeeBps: Number(args.protocolFeeBps),
    arbiterFeeBps: bought.arbiterFeeBps,
    state: "Funded",
    respondentHeard: false,
    placedAt: at,
    fulfillmentDeadline: args.fulfillmentDeadline,
    evidenceCount: 0,
    updatedAt: at,
  });
  await moveStateCount(context.db, null, "Funded");
  await recordOrderEvent(context.db, event, args.orderId, "Placed", { amount: args.amount, actor: args.buyer });
  await countForAccount(context.db, args.buyer, at, { ordersAsBuyer: 1 });
  await countForAccount(context.db, args.seller, at, { ordersAsSeller: 1 });
  await countForToken(context.db, bought.token, { orders: 1 });
});

ponder.on("Escrow:OrderFulfilled", async ({ event, context }) => {
  const { orderId, noteDigest } = event.args;
  const at = event.block.timestamp;
  const current = await context.db.find(order, { id: orderId });
  const terms = await context.db.find(listing, { id: current!.listingId });
  const digest = documentDigest(noteDigest);
  await moveOrder(context.db, orderId, "Fulfilled", at, {
    fulfilledAt: at,
    confirmationDeadline: at + BigInt(terms!.confirmationWindow),
    noteDigest: digest,
  });
  await recordOrderEvent(context.db, event, orderId, "Fulfilled", { digest });
  await referenceDocument(context.db, digest, "note", event.block.number);
});

/** Declined and cancelled orders refund the buyer in full; the stock comes back through StockReturned. */
for (const [name, state] of [
  ["Escrow:OrderDeclined", "Declined"],
  ["Escrow:OrderCancelled", "Cancelled"],
] as const) {
  ponder.on(name, async ({ event, context }) => {
    const at = event.block.timestamp;
    const ended = await moveOrder(context.db, event.args.orderId, state, at, {
      endedAt: at,
      byTimeout: state === "Cancelled",
      buyerShareBps: 10_000,
      proposer: null,
      proposedBuyerShareBps: null,
    });
    await context.db.update(order, { id: ended.id }).set({
      payoutBuyer: ended.amount,
      payoutSeller: 0n,
      payoutArbiter: 0n,
      payoutProtocol: 0n,
    });
    await recordOrderEvent(context.db, event, ended.id, state);
    await countForToken(context.db, ended.token, { ordersEnded: 1, refundedToBuyers: ended.amount });
  });
}

ponder.on("Escrow:OrderCompleted", async ({ event, context }) => {
  const { orderId, sellerAmount, protocolFee, byTimeout } = event.args;
  const at = event.block.timestamp;
  const ended = await moveOrder(context.db, orderId, "Completed", at, {
    endedAt: at,
    byTimeout,
    buyerShareBps: 0,
    payoutBuyer: 0n,
    payoutSeller: sellerAmount,
    payoutArbiter: 0n,
    payoutProtocol: protocolFee,
    proposer: null,
    proposedBuyerShareBps: null,
  });
  await recordOrderEvent(context.db, event, orderId, byTimeout ? "CompletedAfterTimeout" : "Completed", { amount: sellerAmount });
  await countForAccount(context.db, ended.seller, at, { completedAsSeller: 1 });
  await countForAccount(context.db, ended.buyer, at, { completedAsBuyer: 1 });
  await countForToken(context.db, ended.token, {
    ordersEnded: 1,
    volume: ended.amount,
    paidToSellers: sellerAmount,
    protocolFees: protocolFee,
  });
});

ponder.on("Escrow:DisputeOpened", async ({ event, context }) => {
  const { orderId, arbiter, responseDeadline, rulingDeadline } = event.args;
  const at = event.block.timestamp;
  await moveOrder(context.db, orderId, "Disputed", at, { disputedAt: at, responseDeadline, rulingDeadline });
  await recordOrderEvent(context.db, event, orderId, "DisputeOpened");
  await countForAccount(context.db, arbiter, at, { disputesAsArbiter: 1 });
});

ponder.on("Escrow:EvidenceSubmitted", async ({ event, context }) => {
  const { orderId, author, evidenceDigest } = event.args;
  const digest = documentDigest(evidenceDigest);
  await context.db.update(order, { id: orderId }).set((row) => ({
    evidenceCount: row.evidenceCount + 1,
    respondentHeard: row.respondentHeard || (row.state === "Disputed" && row.seller === lower(author)),
    updatedAt: event.block.timestamp,
  }));
  await recordOrderEvent(context.db, event, orderId, "EvidenceSubmitted", { digest, actor: author });
  await referenceDocument(context.db, digest, "evidence", event.block.number);
});

ponder.on("Escrow:SettlementProposed", async ({ event, context }) => {
  const { orderId, proposer, buyerShareBps } = event.args;
  await context.db.update(order, { id: orderId }).set({
    proposer: lower(proposer),
    proposedBuyerShareBps: Number(buyerShareBps),
    updatedAt: event.block.timestamp,
  });
  await recordOrderEvent(context.db, event, orderId, "SettlementProposed", { buyerShareBps: Number(buyerShareBps), actor: proposer });
});

for (const [name, state] of [
  ["Escrow:OrderSettled", "Settled"],
  ["Escrow:OrderRuled", "Ruled"],
] as const) {
  ponder.on(name, async ({ event, context }) => {
    const { orderId, buyerShareBps, payout } = event.args;
    const byTimeout = "byTimeout" in event.args ? event.args.byTimeout : false;
    const at = event.block.timestamp;
    const ended = await moveOrder(context.db, orderId, state, at, {
      endedAt: at,
      byTimeout,
      buyerShareBps: Number(buyerShareBps),
      payoutBuyer: payout.buyer,
      payoutSeller: payout.seller,
      payoutArbiter: payout.arbiter,
      payoutProtocol: payout.protocol,
      proposer: null,
      proposedBuyerShareBps: null,
    });
    const kind = state === "Ruled" ? "Ruled" : byTimeout ? "SettledAfterTimeout" : "Settled";
    await recordOrderEvent(context.db, event, orderId, kind, { buyerShareBps: Number(buyerShareBps) });
    if (state === "Ruled") await countForAccount(context.db, ended.arbiter, at, { rulingsAsArbiter: 1 });
    await countForToken(context.db, ended.token, {
      ordersEnded: 1,
      volume: ended.amount,
      paidToSellers: payout.seller,
      refundedToBuyers: payout.buyer,
      protocolFees: payout.protocol,
      arbiterFees: payout.arbiter,
    });
  });
}
