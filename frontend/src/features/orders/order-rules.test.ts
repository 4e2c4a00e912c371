import { describe, expect, it } from "vitest";
import type { Address } from "viem";

import type { Order } from "../../lib/orders.ts";
import { availableActions, canRate, proposerOf, viewerOf, type Viewer } from "@souk/sdk/order-rules";

import { deadlineInfo, nextStep } from "./order-rules.ts";

const BUYER = "0x00000000000000000000000000000000000000b1" as Address;
const SELLER = "0x00000000000000000000000000000000000000a5" as Address;
const ARBITER = "0x00000000000000000000000000000000000000a4" as Address;
const DEADLINE = 1_000_000n;
const T = Number(DEADLINE);

const order = (over: Partial<Order> = {}) => ({
  state: "Funded" as Order["state"],
  deadline: DEADLINE,
  buyer: BUYER,
  seller: SELLER,
  arbiter: ARBITER,
  proposer: undefined as Address | undefined,
  responseDeadline: 0n,
  respondentHeard: false,
  ...over,
});
const RESPONSE = Number(DEADLINE) - 27 * 86_400;

const unrated = { buyerRated: false, sellerRated: false };

describe("viewerOf", () => {
  it("finds the account's role whatever the address case", () => {
    expect(viewerOf(order(), BUYER.toUpperCase().replace("0X", "0x") as Address)).toBe("buyer");
    expect(viewerOf(order(), SELLER)).toBe("seller");
    expect(viewerOf(order(), ARBITER)).toBe("arbiter");
    expect(viewerOf(order(), "0x0000000000000000000000000000000000000001")).toBe("other");
    expect(viewerOf(order(), undefined)).toBe("disconnected");
  });
});

describe("availableActions: Funded", () => {
  it("lets the seller fulfil or decline only before the fulfilment deadline", () => {
    expect(availableActions(order(), "seller", T - 1)).toEqual(["fulfill", "decline"]);
    expect(availableActions(order(), "seller", T)).toEqual([]);
    expect(availableActions(order(), "seller", T + 1)).toEqual([]);
  });

  it("lets the buyer cancel from the deadline on (not a second before) and confirm at any time", () => {
    expect(availableActions(order(), "buyer", T - 1)).toEqual(["confirm"]);
    expect(availableActions(order(), "buyer", T)).toEqual(["cancel", "confirm"]);
    expect(availableActions(order(), "buyer", T + 1)).toEqual(["cancel", "confirm"]);
  });

  it("offers nothing to the arbiter, outsiders or a disconnected visitor", () => {
    for (const viewer of ["arbiter", "other", "disconnected"] as Viewer[]) {
      expect(availableActions(order(), viewer, T + 1)).toEqual([]);
    }
  });
});

describe("availableActions: Fulfilled", () => {
  const fulfilled = order({ state: "Fulfilled" });

  it("lets the buyer dispute strictly before the confirmation deadline, and confirm at any time", () => {
    expect(availableActions(fulfilled, "buyer", T - 1)).toEqual(["confirm", "dispute", "propose"]);
    expect(availableActions(fulfilled, "buyer", T)).toEqual(["confirm"]);
  });

  it("lets anyone but the buyer complete from the deadline on", () => {
    expect(availableActions(fulfilled, "seller", T - 1)).toEqual(["propose"]);
    expect(availableActions(fulfilled, "seller", T)).toEqual(["complete"]);
    expect(availableActions(fulfilled, "other", T)).toEqual(["complete"]);
    expect(availableActions(fulfilled, "arbiter", T)).toEqual(["complete"]);
    expect(availableActions(fulfilled, "other", T - 1)).toEqual([]);
  });

  it("offers to accept only the other party's standing proposal", () => {
    const bySeller = order({ state: "Fulfilled", proposer: SELLER });
    expect(availableActions(bySeller, "buyer", T - 1)).toEqual(["confirm", "dispute", "accept", "propose"]);
    expect(availableActions(bySeller, "seller", T - 1)).toEqual(["propose"]);
    expect(availableActions(bySeller, "buyer", T)).toEqual(["confirm"]);
  });
});

describe("availableActions: Disputed", () => {
  const disputed = order({ state: "Disputed", proposer: BUYER, responseDeadline: BigInt(RESPONSE) });

  it("lets the arbiter rule once the seller answered, or from the end of its response window", () => {
    expect(availableActions(disputed, "arbiter", RESPONSE - 1)).toEqual(["evidence"]);
    expect(availableActions(disputed, "arbiter", RESPONSE)).toEqual(["evidence", "rule"]);
    expect(availableActions({ ...disputed, respondentHeard: true }, "arbiter", RESPONSE - 1)).toEqual(["evidence", "rule"]);
    expect(nextStep(disputed, "arbiter", RESPONSE - 1)).toMatchObject({ kind: "waiting", title: "Waiting for the seller's answer" });
  });

  it("lets the parties and the arbiter add evidence at any time while disputed", () => {
    expect(availableActions(disputed, "arbiter", T - 1)).toEqual(["evidence", "rule"]);
    expect(availableActions(disputed, "buyer", T - 1)).toEqual(["evidence", "propose"]);
    expect(availableActions(disputed, "seller", T - 1)).toEqual(["evidence", "accept", "propose"]);
    expect(availableActions(disputed, "other", T - 1)).toEqual([]);
  });

  it("stops settlements at the ruling deadline and opens the 50/50 split to anyone", () => {
    expect(availableActions(disputed, "seller", T)).toEqual(["evidence", "resolve"]);
    expect(availableActions(disputed, "other", T)).toEqual(["resolve"]);
    expect(availableActions(disputed, "arbiter", T)).toEqual(["evidence", "resolve"]);
  });
});

describe("ratings", () => {
  it("opens ratings to both parties once an order ended Completed, Settled or Ruled, once each", () => {
    for (const state of ["Completed", "Settled", "Ruled"] as const) {
      expect(availableActions(order({ state, deadline: 0n }), "buyer", T, unrated)).toEqual(["rate"]);
      expect(availableActions(order({ state, deadline: 0n }), "seller", T, unrated)).toEqual(["rate"]);
      expect(availableActions(order({ state, deadline: 0n }), "buyer", T, { buyerRated: true, sellerRated: false })).toEqual([]);
      expect(availableActions(order({ state, deadline: 0n }), "seller", T, { buyerRated: false, sellerRated: true })).toEqual([]);
    }
  });

  it("lets only the buyer rate a cancelled order, and nobody a declined one", () => {
    expect(canRate(order({ state: "Cancelled" }), "buyer", unrated)).toBe(true);
    expect(canRate(order({ state: "Cancelled" }), "seller", unrated)).toBe(false);
    expect(canRate(order({ state: "Declined" }), "buyer", unrated)).toBe(false);
    expect(canRate(order({ state: "Completed" }), "arbiter", unrated)).toBe(false);
  });

  it("waits for the rating status before offering to rate", () => {
    expect(availableActions(order({ state: "Completed" }), "buyer", T, undefined)).toEqual([]);
  });
});

describe("nextStep", () => {
  it("marks the seller's move on a paid order and the buyer's after a missed deadline", () => {
    expect(nextStep(order(), "seller", T - 1)).toMatchObject({ kind: "action", title: "Ship or decline" });
    expect(nextStep(order(), "buyer", T - 1)).toMatchObject({ kind: "waiting" });
    expect(nextStep(order(), "buyer", T)).toMatchObject({ kind: "action", title: "Cancel for a full refund" });
  });

  it("asks the buyer to confirm or dispute, and the seller to complete after the deadline", () => {
    const fulfilled = order({ state: "Fulfilled" });
    expect(nextStep(fulfilled, "buyer", T - 1)).toMatchObject({ kind: "action", title: "Confirm receipt or dispute" });
    expect(nextStep(fulfilled, "seller", T - 1)).toMatchObject({ kind: "waiting" });
    expect(nextStep(fulfilled, "seller", T)).toMatchObject({ kind: "action", title: "Complete to get paid" });
  });

  it("points a party at the other side's proposal", () => {
    const disputed = order({ state: "Disputed", proposer: SELLER });
    expect(nextStep(disputed, "buyer", T - 1)).toMatchObject({ kind: "action", title: "Answer the split proposal" });
    expect(nextStep(disputed, "seller", T - 1)).toMatchObject({ kind: "waiting" });
    expect(nextStep(disputed, "arbiter", T - 1)).toMatchObject({ kind: "action", title: "Rule on the dispute" });
    expect(nextStep(disputed, "arbiter", T)).toMatchObject({ kind: "waiting", title: "Split 50/50" });
    expect(nextStep(disputed, "buyer", T)).toMatchObject({ kind: "action", title: "Split 50/50" });
  });

  it("asks for a rating after the end, then reports the order as done", () => {
    const completed = order({ state: "Completed", deadline: 0n });
    expect(nextStep(completed, "seller", T, unrated)).toMatchObject({ kind: "action", title: "Rate the buyer" });
    expect(nextStep(completed, "seller", T, { buyerRated: false, sellerRated: true })).toMatchObject({ kind: "done" });
  });
});

describe("deadlineInfo", () => {
  it("says what happens when each deadline passes", () => {
    expect(deadlineInfo(order(), "buyer")?.after).toBe("After this, you can cancel and get a full refund.");
    expect(deadlineInfo(order({ state: "Fulfilled" }), "seller")?.after).toBe("After this, anyone can complete the order for the seller.");
    expect(deadlineInfo(order({ state: "Disputed" }), "arbiter")).toMatchObject({ label: "Rule by", after: "After this, anyone can split it 50/50." });
    expect(deadlineInfo(order({ state: "Settled" }), "buyer")).toBeUndefined();
  });
});

describe("proposerOf", () => {
  it("names the proposing party", () => {
    expect(proposerOf(order({ proposer: SELLER }))).toBe("seller");
    expect(proposerOf(order({ proposer: BUYER }))).toBe("buyer");
    expect(proposerOf(order())).toBeUndefined();
  });
});
