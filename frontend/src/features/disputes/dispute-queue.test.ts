import { describe, expect, it } from "vitest";

import type { Order } from "../../lib/orders.ts";
import { disputeQueue, selectedDispute } from "./dispute-queue.ts";

const order = (id: bigint, state: Order["state"], deadline: bigint) => ({ id, state, deadline }) as Order;

describe("disputeQueue", () => {
  it("puts open disputes first, the nearest ruling deadline on top, and keeps ended ones in their given order", () => {
    const orders = [order(5n, "Ruled", 0n), order(4n, "Disputed", 900n), order(3n, "Settled", 0n), order(2n, "Disputed", 100n), order(1n, "Disputed", 900n)];
    const { open, ended } = disputeQueue(orders);
    expect(open.map((o) => o.id)).toEqual([2n, 1n, 4n]);
    expect(ended.map((o) => o.id)).toEqual([5n, 3n]);
  });

  it("handles an empty queue", () => {
    expect(disputeQueue([])).toEqual({ open: [], ended: [] });
  });
});

describe("selectedDispute", () => {
  const orders = [order(12n, "Disputed", 1n)];
  it("finds the order named in the URL among the arbiter's disputes only", () => {
    expect(selectedDispute(orders, "12")?.id).toBe(12n);
    expect(selectedDispute(orders, "13")).toBeUndefined();
    expect(selectedDispute(orders, "abc")).toBeUndefined();
    expect(selectedDispute(orders, null)).toBeUndefined();
    expect(selectedDispute(undefined, "12")).toBeUndefined();
  });
});
