/**
 * What an account may do with an order at a given chain time: decided by the order's state, the account's role in it
 * and the clock, exactly as the escrow and the reputation contract enforce it (docs/PROTOCOL.md). A deadline is the
 * first second of its timed exit: "before" is now < deadline, "from" is now >= deadline.
 *
 * Shared by the dApp (which buttons to show) and checked against the contracts themselves: test/OrderRules.sdk.ts sends
 * every action as every role at T-1, T and T+1 of every deadline and compares what the chain accepts with this table.
 */
import type { Address } from "viem";

import type { OrderStateName } from "./contracts.ts";

export type Viewer = "buyer" | "seller" | "arbiter" | "other" | "disconnected";

export type Action =
  | "fulfill"
  | "decline"
  | "cancel"
  | "confirm"
  | "complete"
  | "dispute"
  | "evidence"
  | "propose"
  | "accept"
  | "rule"
  | "resolve"
  | "rate";

export interface RatingFlags {
  buyerRated: boolean;
  sellerRated: boolean;
}

/** The facts of an order the rules depend on, as `getOrder` returns them. */
export interface OrderFacts {
  state: OrderStateName;
  /** The deadline of the current state (fulfilment, confirmation or ruling); 0 once ended. */
  deadline: bigint;
  /** While Disputed, the end of the seller's response window; 0 otherwise. */
  responseDeadline: bigint;
  /** While Disputed, whether the seller (the respondent) has submitted evidence. */
  respondentHeard: boolean;
  buyer: Address;
  seller: Address;
  arbiter: Address;
  /** The party whose settlement proposal is standing, if any. */
  proposer: Address | undefined;
}

export function viewerOf(order: Pick<OrderFacts, "buyer" | "seller" | "arbiter">, account: Address | undefined): Viewer {
  if (account === undefined) return "disconnected";
  const me = account.toLowerCase();
  if (me === order.buyer.toLowerCase()) return "buyer";
  if (me === order.seller.toLowerCase()) return "seller";
  if (me === order.arbiter.toLowerCase()) return "arbiter";
  return "other";
}

/** The party that made the standing settlement proposal, if any. */
export function proposerOf(order: Pick<OrderFacts, "proposer" | "buyer" | "seller">): "buyer" | "seller" | undefined {
  if (order.proposer === undefined) return undefined;
  const proposer = order.proposer.toLowerCase();
  if (proposer === order.buyer.toLowerCase()) return "buyer";
  if (proposer === order.seller.toLowerCase()) return "seller";
  return undefined;
}

export const ENDED_RATEABLE = ["Completed", "Settled", "Ruled"] as const;

/** Whether `viewer` may still rate this order (ratings open when it ends; after a cancellation only the buyer). */
export function canRate(order: Pick<OrderFacts, "state">, viewer: Viewer, rating: RatingFlags | undefined): boolean {
  if (rating === undefined) return false;
  const ended = (ENDED_RATEABLE as readonly string[]).includes(order.state);
  if (viewer === "buyer") return (ended || order.state === "Cancelled") && !rating.buyerRated;
  if (viewer === "seller") return ended && !rating.sellerRated;
  return false;
}

/** Whether the arbiter may rule now: the respondent answered, or its response window passed (and the ruling one not). */
export function canRuleNow(order: Pick<OrderFacts, "state" | "deadline" | "responseDeadline" | "respondentHeard">, now: number): boolean {
  if (order.state !== "Disputed" || now >= Number(order.deadline)) return false;
  return order.respondentHeard || now >= Number(order.responseDeadline);
}

/**
 * Every action the escrow or the reputation contract would accept from `viewer` at chain time `now`, with one
 * deliberate omission: a buyer is offered "confirm" rather than "complete" once the confirmation deadline passed
 * (both pay the seller; "confirm" says what the buyer means).
 */
export function availableActions(order: OrderFacts, viewer: Viewer, now: number, rating?: RatingFlags): Action[] {
  if (viewer === "disconnected") return [];
  const before = now < Number(order.deadline);
  const party = viewer === "buyer" || viewer === "seller";
  const proposer = proposerOf(order);
  const otherProposed = party && proposer !== undefined && proposer !== viewer;
  const actions: Action[] = [];
  switch (order.state) {
    case "Funded":
      // From the deadline on the order is the buyer's to cancel (and to rate): the seller can no longer decline.
      if (viewer === "seller" && before) actions.push("fulfill", "decline");
      if (viewer === "buyer") {
        if (!before) actions.push("cancel");
        actions.push("confirm"); // paying the seller is always the buyer's choice
      }
      break;
    case "Fulfilled":
      if (viewer === "buyer") {
        actions.push("confirm");
        if (before) actions.push("dispute");
      } else if (!before) {
        actions.push("complete");
      }
      if (party && before) {
        if (otherProposed) actions.push("accept");
        actions.push("propose");
      }
      break;
    case "Disputed":
      if (party || viewer === "arbiter") actions.push("evidence");
      if (party && before) {
        if (otherProposed) actions.push("accept");
        actions.push("propose");
      }
      if (viewer === "arbiter" && canRuleNow(order, now)) actions.push("rule");
      if (!before) actions.push("resolve");
      break;
    default:
      if (canRate(order, viewer, rating)) actions.push("rate");
  }
  return actions;
}
