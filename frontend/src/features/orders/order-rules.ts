/**
 * What happens next with an order, in words for the connected account: decided by the order's state, the account's
 * role in it and the chain's clock. Which actions are possible comes from the SDK's order rules (`@souk/sdk/order-rules`),
 * which are tested against the contracts themselves.
 */
import {
  canRate,
  canRuleNow,
  proposerOf,
  type OrderFacts,
  type RatingFlags,
  type Viewer,
} from "@souk/sdk/order-rules";

import type { Order } from "../../lib/orders.ts";

export interface NextStep {
  /** "action": the viewer is expected to do something now; "waiting": someone else or time moves next. */
  kind: "action" | "waiting" | "done";
  /** Short, for the "needs your action" marker. */
  title: string;
  /** One or two sentences for the order page. */
  detail: string;
}

const other = (viewer: "buyer" | "seller") => (viewer === "buyer" ? "seller" : "buyer");

/** What the viewer should do now, or what the other party or time will do next. */
export function nextStep(order: OrderFacts, viewer: Viewer, now: number, rating?: RatingFlags): NextStep {
  const before = now < Number(order.deadline);
  const party = viewer === "buyer" || viewer === "seller" ? viewer : undefined;
  const proposer = proposerOf(order);
  switch (order.state) {
    case "Funded":
      if (viewer === "seller") {
        return before
          ? { kind: "action", title: "Ship or decline", detail: "Send the item (or deliver the service), then mark the order as shipped. If you cannot, decline it to refund the buyer." }
          : { kind: "waiting", title: "Shipping deadline passed", detail: "You missed the shipping deadline: the buyer can now cancel for a full refund (and rate the missed deadline)." };
      }
      if (viewer === "buyer") {
        return before
          ? { kind: "waiting", title: "Waiting for the seller", detail: "Your payment is safe in escrow. The seller ships or delivers before the deadline; if they do not, you can cancel for a full refund." }
          : { kind: "action", title: "Cancel for a full refund", detail: "The seller did not ship in time. You can cancel now and get your payment back in full, or keep waiting." };
      }
      return { kind: "waiting", title: "Waiting for the seller", detail: "The payment is held in escrow until the seller ships or delivers." };
    case "Fulfilled":
      if (!before) {
        return viewer === "seller"
          ? { kind: "action", title: "Complete to get paid", detail: "The buyer neither confirmed nor disputed in time. Complete the order to release your payment." }
          : { kind: "waiting", title: "Ready to complete", detail: "The confirmation period is over: anyone can now complete the order, which pays the seller." };
      }
      if (party !== undefined && proposer !== undefined && proposer !== party) {
        return { kind: "action", title: "Answer the split proposal", detail: `The ${proposer} proposed a split of the payment. Accept it, or make a counter-proposal.` };
      }
      if (viewer === "buyer") {
        return { kind: "action", title: "Confirm receipt or dispute", detail: "When the order has arrived and is as described, confirm receipt to pay the seller. If something is wrong, open a dispute before the deadline." };
      }
      return { kind: "waiting", title: "Waiting for the buyer", detail: "The buyer confirms receipt or opens a dispute. If they do neither before the deadline, the order can be completed for the seller." };
    case "Disputed":
      if (!before) {
        return {
          kind: party !== undefined ? "action" : "waiting",
          title: "Split 50/50",
          detail: "The arbiter did not rule in time. Anyone can now end the dispute with a 50/50 split; no arbiter fee is due.",
        };
      }
      if (viewer === "arbiter") {
        return canRuleNow(order, now)
          ? { kind: "action", title: "Rule on the dispute", detail: "Read both sides' evidence and decide how the payment is split before the ruling deadline." }
          : { kind: "waiting", title: "Waiting for the seller's answer", detail: "Both sides are heard first: you can rule once the seller answers with evidence or its 72 hours to answer have passed." };
      }
      if (party !== undefined && proposer !== undefined && proposer !== party) {
        return { kind: "action", title: "Answer the split proposal", detail: `The ${proposer} proposed a split of the payment. Accept it to end the dispute now, or make a counter-proposal.` };
      }
      if (party !== undefined) {
        return {
          kind: "waiting",
          title: "Waiting for the arbiter",
          detail:
            proposer === party
              ? `The arbiter reviews the evidence and rules before the deadline, unless the ${other(party)} accepts your proposal first.`
              : "The arbiter reviews the evidence and rules before the deadline. Meanwhile you can add evidence or propose a split.",
        };
      }
      return { kind: "waiting", title: "Waiting for the arbiter", detail: "The arbiter reviews both sides' evidence and rules before the deadline." };
    default:
      if (canRate(order, viewer, rating)) {
        const ratee = viewer === "buyer" ? "seller" : "buyer";
        return { kind: "action", title: `Rate the ${ratee}`, detail: `This order has ended. Rate the ${ratee} to help others trade with confidence.` };
      }
      return { kind: "done", ...ENDED[order.state] };
  }
}

const ENDED: Record<"Completed" | "Declined" | "Cancelled" | "Settled" | "Ruled" | "None", { title: string; detail: string }> = {
  Completed: { title: "Order completed", detail: "The seller has been paid: the escrow credited the payment, less the protocol fee." },
  Declined: { title: "Declined and refunded", detail: "The seller declined the order and the buyer's payment was refunded in full." },
  Cancelled: { title: "Cancelled and refunded", detail: "The seller did not ship in time, so the buyer cancelled and got a full refund." },
  Settled: { title: "Settled", detail: "The payment was split between the buyer and the seller as shown below." },
  Ruled: { title: "Ruled by the arbiter", detail: "The arbiter decided how the payment is split, as shown below." },
  None: { title: "Unknown order", detail: "This order does not exist." },
};

export interface DeadlineInfo {
  label: string;
  /** What happens once it passes (shown while it has not). */
  after: string;
  /** What is possible now that it passed. */
  passed: string;
}

/** The current state's deadline in words, for the viewer. Ended orders have none. */
export function deadlineInfo(order: Pick<Order, "state">, viewer: Viewer): DeadlineInfo | undefined {
  switch (order.state) {
    case "Funded":
      return {
        label: viewer === "seller" ? "Ship by" : "Seller ships by",
        after: viewer === "buyer" ? "After this, you can cancel and get a full refund." : "After this, the buyer can cancel and get a full refund.",
        passed: viewer === "buyer" ? "The seller missed it: you can cancel and get a full refund." : "It passed: the buyer can cancel and get a full refund.",
      };
    case "Fulfilled":
      return {
        label: viewer === "buyer" ? "Confirm or dispute by" : "Buyer confirms by",
        after: "After this, anyone can complete the order for the seller.",
        passed: "It passed: anyone can complete the order for the seller.",
      };
    case "Disputed":
      return {
        label: viewer === "arbiter" ? "Rule by" : "Arbiter rules by",
        after: "After this, anyone can split it 50/50.",
        passed: "It passed: anyone can split it 50/50.",
      };
    default:
      return undefined;
  }
}
