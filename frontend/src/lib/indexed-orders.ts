/**
 * An account's orders from the indexer, in the shape the escrow's `getOrder` gives (lib/orders.ts): lists,
 * dashboards and the arbiter's queue read these; an order's own page and every action read the chain.
 */
import type { Address } from "viem";

import { disputesSchema, indexerGet, ordersPageSchema, type IndexedOrder } from "./indexer.ts";
import type { Order, OrderRole } from "./orders.ts";

/** Orders fetched per request, and the most requests one list makes. */
const PAGE = 100;
const MAX_PAGES = 20;

export function orderOf(item: IndexedOrder): Order {
  const deadline =
    item.state === "Funded"
      ? item.fulfillmentDeadline
      : item.state === "Fulfilled"
        ? (item.confirmationDeadline ?? 0)
        : item.state === "Disputed"
          ? (item.rulingDeadline ?? 0)
          : 0;
  return {
    id: BigInt(item.id),
    listingId: BigInt(item.listingId),
    buyer: item.buyer,
    seller: item.seller,
    token: item.token,
    amount: BigInt(item.amount),
    quantity: BigInt(item.quantity),
    protocolFeeBps: BigInt(item.protocolFeeBps),
    arbiter: item.arbiter,
    arbiterFeeBps: BigInt(item.arbiterFeeBps),
    state: item.state,
    deadline: BigInt(deadline),
    proposer: item.proposal?.proposer,
    proposedBuyerShareBps: BigInt(item.proposal?.buyerShareBps ?? 0),
    responseDeadline: BigInt(item.state === "Disputed" ? (item.responseDeadline ?? 0) : 0),
    respondentHeard: item.state === "Disputed" && item.respondentHeard,
  };
}

/**
 * The orders where `account` is the buyer or the seller, newest first; for an arbiter, the orders ever disputed
 * before it (as the chain-only reading of DisputeOpened events gives).
 */
export async function readIndexedOrders(base: string, role: OrderRole, account: Address, signal?: AbortSignal): Promise<Order[]> {
  if (role === "arbiter") {
    const queue = await indexerGet(base, `/api/arbiters/${account}/disputes?status=all`, disputesSchema, signal);
    return queue.items.map(orderOf).sort((a, b) => (a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
  }
  const orders: Order[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await indexerGet(base, `/api/orders?account=${account}&role=${role}&page=${page}&pageSize=${PAGE}`, ordersPageSchema, signal);
    orders.push(...answer.items.map(orderOf));
    if (orders.length >= answer.total || answer.items.length === 0) break;
  }
  return orders;
}
