import { describe, expect, it } from "vitest";
import type { Address, Hash } from "viem";

import type { TimelineEntry } from "./orders.ts";
import { evidenceOf, fulfillmentNoteOf, outcomeOf } from "./timeline-events.ts";

const BUYER = "0x00000000000000000000000000000000000000b1" as Address;
const SELLER = "0x00000000000000000000000000000000000000a5" as Address;
const ARBITER = "0x00000000000000000000000000000000000000a4" as Address;
const parties = { buyer: BUYER, seller: SELLER, arbiter: ARBITER };
const ZERO32 = `0x${"0".repeat(64)}` as const;
const D1 = `0x${"1".repeat(64)}` as const;
const D2 = `0x${"2".repeat(64)}` as const;

let n = 0;
const entry = (name: string, args: Record<string, unknown>, tx?: string): TimelineEntry => ({
  name,
  args,
  blockNumber: BigInt(++n),
  transactionHash: (tx ?? `0x${n.toString(16).padStart(64, "0")}`) as Hash,
  timestamp: 1_000 + n,
});

describe("outcomeOf", () => {
  it("is undefined while the order is open", () => {
    expect(outcomeOf([entry("OrderPlaced", {}), entry("OrderFulfilled", { noteDigest: ZERO32 })], 100n)).toBeUndefined();
  });

  it("reads a completion's seller amount and protocol fee", () => {
    const outcome = outcomeOf([entry("OrderPlaced", {}), entry("OrderCompleted", { sellerAmount: 975n, protocolFee: 25n, byTimeout: true })], 1_000n);
    expect(outcome).toMatchObject({ state: "Completed", byTimeout: true, payout: { buyer: 0n, seller: 975n, arbiter: 0n, protocol: 25n } });
  });

  it("treats declines and cancellations as full refunds", () => {
    expect(outcomeOf([entry("OrderDeclined", {})], 500n)).toMatchObject({ state: "Declined", payout: { buyer: 500n, seller: 0n } });
    expect(outcomeOf([entry("OrderCancelled", {})], 500n)).toMatchObject({ state: "Cancelled", payout: { buyer: 500n } });
  });

  it("reads settlements and rulings with their share and payout", () => {
    const payout = { buyer: 400n, seller: 585n, arbiter: 0n, protocol: 15n };
    expect(outcomeOf([entry("OrderSettled", { buyerShareBps: 4_000n, payout, byTimeout: false })], 1_000n)).toMatchObject({ state: "Settled", buyerShareBps: 4_000n, payout });
    const ruled = { buyer: 630n, seller: 261n, arbiter: 100n, protocol: 9n };
    expect(outcomeOf([entry("OrderRuled", { buyerShareBps: 7_000n, payout: ruled })], 1_000n)).toMatchObject({ state: "Ruled", payout: ruled });
  });
});

describe("evidenceOf", () => {
  it("attributes evidence to its author's role and marks the opening statement", () => {
    const opening = "0xaaaa000000000000000000000000000000000000000000000000000000000000";
    const entries = [
      entry("OrderPlaced", {}),
      entry("DisputeOpened", { arbiter: ARBITER }, opening),
      entry("EvidenceSubmitted", { author: BUYER, evidenceDigest: D1 }, opening),
      entry("EvidenceSubmitted", { author: SELLER, evidenceDigest: D2 }),
      entry("EvidenceSubmitted", { author: ARBITER, evidenceDigest: D2 }),
    ];
    expect(evidenceOf(entries, parties).map((e) => [e.party, e.opening])).toEqual([
      ["buyer", true],
      ["seller", false],
      ["arbiter", false],
    ]);
  });
});

describe("fulfillmentNoteOf", () => {
  it("returns the note digest, or nothing for a zero digest", () => {
    expect(fulfillmentNoteOf([entry("OrderFulfilled", { noteDigest: D1 })])).toBe(D1);
    expect(fulfillmentNoteOf([entry("OrderFulfilled", { noteDigest: ZERO32 })])).toBeUndefined();
    expect(fulfillmentNoteOf([entry("OrderPlaced", {})])).toBeUndefined();
  });
});
