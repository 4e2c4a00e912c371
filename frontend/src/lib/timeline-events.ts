/**
 * Reading an order's event history (useOrderTimeline): how it ended and who paid what, and the evidence each side
 * submitted. Pure functions over the decoded events, shared by the order page and the arbiter's page.
 */
import type { Address, Hash, Hex } from "viem";

import type { Order, TimelineEntry } from "./orders.ts";

export interface Payout {
  buyer: bigint;
  seller: bigint;
  arbiter: bigint;
  protocol: bigint;
}

export interface Outcome {
  state: "Completed" | "Declined" | "Cancelled" | "Settled" | "Ruled";
  payout: Payout;
  /** The buyer's share for settlements and rulings. */
  buyerShareBps: bigint | undefined;
  /** Completed after the confirmation deadline, or split 50/50 after the ruling deadline. */
  byTimeout: boolean;
  timestamp: number;
  transactionHash: Hash;
}

const NONE: Payout = { buyer: 0n, seller: 0n, arbiter: 0n, protocol: 0n };

/** How the order ended and the exact amounts credited, from its final event; undefined while it is open. */
export function outcomeOf(entries: readonly TimelineEntry[], amount: bigint): Outcome | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    const at = { timestamp: entry.timestamp, transactionHash: entry.transactionHash };
    switch (entry.name) {
      case "OrderCompleted": {
        const args = entry.args as { sellerAmount: bigint; protocolFee: bigint; byTimeout: boolean };
        return { state: "Completed", payout: { ...NONE, seller: args.sellerAmount, protocol: args.protocolFee }, buyerShareBps: undefined, byTimeout: args.byTimeout, ...at };
      }
      case "OrderDeclined":
      case "OrderCancelled":
        return { state: entry.name === "OrderDeclined" ? "Declined" : "Cancelled", payout: { ...NONE, buyer: amount }, buyerShareBps: 10_000n, byTimeout: false, ...at };
      case "OrderSettled": {
        const args = entry.args as { buyerShareBps: bigint; payout: Payout; byTimeout: boolean };
        return { state: "Settled", payout: args.payout, buyerShareBps: args.buyerShareBps, byTimeout: args.byTimeout, ...at };
      }
      case "OrderRuled": {
        const args = entry.args as { buyerShareBps: bigint; payout: Payout };
        return { state: "Ruled", payout: args.payout, buyerShareBps: args.buyerShareBps, byTimeout: false, ...at };
      }
    }
  }
  return undefined;
}

export type Party = "buyer" | "seller" | "arbiter" | "other";

export function partyOf(order: Pick<Order, "buyer" | "seller" | "arbiter">, address: Address): Party {
  const a = address.toLowerCase();
  if (a === order.buyer.toLowerCase()) return "buyer";
  if (a === order.seller.toLowerCase()) return "seller";
  if (a === order.arbiter.toLowerCase()) return "arbiter";
  return "other";
}

export interface EvidenceItem {
  author: Address;
  party: Party;
  digest: Hex;
  timestamp: number;
  transactionHash: Hash;
  /** Submitted with the opening of the dispute. */
  opening: boolean;
}

/** Every piece of evidence, oldest first, attributed to its author's role. */
export function evidenceOf(entries: readonly TimelineEntry[], order: Pick<Order, "buyer" | "seller" | "arbiter">): EvidenceItem[] {
  const openedIn = new Set(entries.filter((e) => e.name === "DisputeOpened").map((e) => e.transactionHash));
  return entries
    .filter((entry) => entry.name === "EvidenceSubmitted")
    .map((entry) => {
      const args = entry.args as { author: Address; evidenceDigest: Hex };
      return {
        author: args.author,
        party: partyOf(order, args.author),
        digest: args.evidenceDigest,
        timestamp: entry.timestamp,
        transactionHash: entry.transactionHash,
        opening: openedIn.has(entry.transactionHash),
      };
    });
}

/** The seller's fulfilment note digest, when the order was fulfilled with one. */
export function fulfillmentNoteOf(entries: readonly TimelineEntry[]): Hex | undefined {
  const fulfilled = entries.find((entry) => entry.name === "OrderFulfilled");
  const digest = (fulfilled?.args as { noteDigest?: Hex } | undefined)?.noteDigest;
  return digest === undefined || /^0x0*$/.test(digest) ? undefined : digest;
}
