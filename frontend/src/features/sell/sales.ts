/**
 * The seller's view of their orders: grouped by state with totals per token, and the ones waiting for the seller
 * (docs/PROTOCOL.md: a Funded order must be fulfilled or declined before its fulfilment deadline; a Disputed one
 * can still be settled; a settlement the buyer proposed waits for the seller's answer).
 */
import type { OrderStateName } from "@souk/sdk/contracts";
import type { Address } from "viem";

import type { Order } from "../../lib/orders.ts";

/** States in the order a seller cares about them: what needs work first, then what is waiting, then history. */
export const SALE_STATES = ["Funded", "Disputed", "Fulfilled", "Completed", "Settled", "Ruled", "Cancelled", "Declined"] as const satisfies readonly OrderStateName[];
export type SaleState = (typeof SALE_STATES)[number];

export const SALE_STATE_TEXT: Record<SaleState, { label: string; detail: string; tone: "brand" | "warning" | "danger" | "success" | "neutral" }> = {
  Funded: { label: "To ship", detail: "Paid into escrow: ship (and mark as fulfilled) or decline.", tone: "warning" },
  Disputed: { label: "In dispute", detail: "The buyer opened a dispute: settle with them or wait for the arbiter.", tone: "danger" },
  Fulfilled: { label: "Shipped", detail: "Waiting for the buyer to confirm, or for the confirmation window to end.", tone: "brand" },
  Completed: { label: "Completed", detail: "Paid out to you.", tone: "success" },
  Settled: { label: "Settled", detail: "Ended by an agreed split or a ruling timeout.", tone: "neutral" },
  Ruled: { label: "Ruled", detail: "Ended by the arbiter's decision.", tone: "neutral" },
  Cancelled: { label: "Cancelled", detail: "Not shipped in time: the buyer cancelled and was refunded.", tone: "neutral" },
  Declined: { label: "Declined", detail: "You declined: the buyer was refunded.", tone: "neutral" },
};

export interface SalesGroup {
  state: SaleState;
  orders: Order[];
  /** Sum of order amounts per payment token, in the order tokens first appear. */
  totals: Array<{ token: Address; amount: bigint }>;
}

export function groupSales(orders: readonly Order[]): SalesGroup[] {
  return SALE_STATES.flatMap((state) => {
    const inState = orders.filter((order) => order.state === state);
    if (inState.length === 0) return [];
    const totals = new Map<string, { token: Address; amount: bigint }>();
    for (const order of inState) {
      const key = order.token.toLowerCase();
      const entry = totals.get(key) ?? { token: order.token, amount: 0n };
      entry.amount += order.amount;
      totals.set(key, entry);
    }
    return [{ state, orders: inState, totals: [...totals.values()] }];
  });
}

export type SellerAction =
  | { kind: "ship"; order: Order; deadline: bigint }
  | { kind: "late"; order: Order; deadline: bigint }
  | { kind: "answer"; order: Order; deadline: bigint }
  | { kind: "dispute"; order: Order; deadline: bigint }
  | { kind: "proposal"; order: Order; deadline: bigint };

/** What the seller should do about an order now (by the chain's clock), if anything. */
export function sellerAction(order: Order, now: number): SellerAction | undefined {
  const passed = Number(order.deadline) <= now;
  switch (order.state) {
    case "Funded":
      return { kind: passed ? "late" : "ship", order, deadline: order.deadline };
    case "Disputed":
      // The seller is heard first: until it answers (or its 72 hours pass) the arbiter cannot rule.
      return !order.respondentHeard && Number(order.responseDeadline) > now
        ? { kind: "answer", order, deadline: order.responseDeadline }
        : { kind: "dispute", order, deadline: order.deadline };
    case "Fulfilled":
      return order.proposer !== undefined && order.proposer.toLowerCase() === order.buyer.toLowerCase() && !passed
        ? { kind: "proposal", order, deadline: order.deadline }
        : undefined;
    default:
      return undefined;
  }
}

/** Every order waiting for the seller, the most urgent (earliest deadline) first. */
export function sellerActions(orders: readonly Order[], now: number): SellerAction[] {
  return orders
    .map((order) => sellerAction(order, now))
    .filter((action): action is SellerAction => action !== undefined)
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
}

export const ACTION_TEXT: Record<SellerAction["kind"], { title: string; deadlineLabel: string }> = {
  ship: { title: "Ship it, or decline", deadlineLabel: "Ship by" },
  late: { title: "Shipping deadline missed: the buyer can now cancel for a full refund", deadlineLabel: "Deadline" },
  answer: { title: "Dispute open: answer with your evidence (or propose a settlement)", deadlineLabel: "Answer by" },
  dispute: { title: "Dispute open: add evidence or propose a settlement", deadlineLabel: "Arbiter rules by" },
  proposal: { title: "The buyer proposed a settlement: review it", deadlineLabel: "Answer by" },
};
