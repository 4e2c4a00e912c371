import { describe, expect, it } from "vitest";

import { chainNotifications, deadlineNotifications, messageNotifications, type OrderEvent } from "./notifications.ts";
import type { Order } from "./orders.ts";

const BUYER = "0x00000000000000000000000000000000000000b1";
const SELLER = "0x00000000000000000000000000000000000000a1";
const ARBITER = "0x00000000000000000000000000000000000000c1";

function order(state: Order["state"], deadline = 0n, id = 5n): Order {
  return {
    id, listingId: 1n, buyer: BUYER, seller: SELLER, token: "0x0000000000000000000000000000000000000000", amount: 10n, quantity: 1n,
    protocolFeeBps: 100n, arbiter: ARBITER, arbiterFeeBps: 0n, state, deadline, proposer: undefined, proposedBuyerShareBps: 0n,
    responseDeadline: 0n, respondentHeard: false,
  };
}
const event = (name: string, args: Record<string, unknown> = {}, i = 0): OrderEvent => ({ orderId: 5n, name, args, transactionHash: `0x${i}`, logIndex: i, timestamp: 1_000 + i });

describe("chain notifications", () => {
  it("tell each party about what the other side did, never about their own actions", () => {
    const orders = new Map([[5n, order("Disputed")]]);
    const events = [
      event("OrderPlaced", { buyer: BUYER, seller: SELLER }, 1),
      event("OrderFulfilled", {}, 2),
      event("DisputeOpened", { arbiter: ARBITER }, 3),
      event("EvidenceSubmitted", { author: BUYER }, 4),
      event("SettlementProposed", { proposer: SELLER }, 5),
    ];
    expect(chainNotifications(events, orders, SELLER).map((n) => n.kind)).toEqual(["new-order", "disputed", "evidence"]);
    expect(chainNotifications(events, orders, BUYER).map((n) => n.kind)).toEqual(["shipped", "proposal"]);
    expect(chainNotifications(events, orders, ARBITER).map((n) => n.kind)).toEqual(["disputed", "evidence"]);
    expect(chainNotifications(events, orders, "0x00000000000000000000000000000000000000ff")).toEqual([]);
  });

  it("link to the order and keep one id per event", () => {
    const [n] = chainNotifications([event("OrderRuled", { buyerShareBps: 6_000n }, 7)], new Map([[5n, order("Ruled")]]), BUYER);
    expect(n).toMatchObject({ kind: "ruling", href: "/orders/5", id: "0x7:7", at: 1_007 });
  });
});

describe("deadline notifications", () => {
  const now = 1_000_000;
  it("name the deadline that falls on this account within 24 hours", () => {
    expect(deadlineNotifications([order("Funded", BigInt(now + 3 * 3600))], SELLER, now)[0]?.title).toMatch(/^Ship order .* within 3 hours$/);
    expect(deadlineNotifications([order("Funded", BigInt(now + 3 * 3600))], BUYER, now)).toEqual([]);
    expect(deadlineNotifications([order("Fulfilled", BigInt(now + 86_400))], BUYER, now)[0]?.title).toMatch(/^Confirm order .* within 24 hours$/);
    expect(deadlineNotifications([order("Disputed", BigInt(now + 600))], ARBITER, now)[0]?.title).toMatch(/^Rule on order .* within 1 hour$/);
  });

  it("say nothing about deadlines further away, passed, or of ended orders", () => {
    expect(deadlineNotifications([order("Funded", BigInt(now + 86_401))], SELLER, now)).toEqual([]);
    expect(deadlineNotifications([order("Funded", BigInt(now - 1))], SELLER, now)).toEqual([]);
    expect(deadlineNotifications([order("Completed", 0n)], SELLER, now)).toEqual([]);
  });
});

describe("message notifications", () => {
  it("are for messages from others only", () => {
    const messages = [
      { id: "a", author: "me", createdAt: 1, href: "/x", preview: "mine" },
      { id: "b", author: "them", createdAt: 2, href: "/x", preview: "hello" },
    ];
    expect(messageNotifications(messages, "me")).toEqual([{ id: "message:b", kind: "message", title: "New message", body: "hello", href: "/x", at: 2 }]);
  });
});
