import { describe, expect, it } from "vitest";

import type { Order } from "../../lib/orders.ts";
import { groupSales, sellerAction, sellerActions } from "./sales.ts";

const ETH = "0x0000000000000000000000000000000000000000" as const;
const DUSD = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" as const;
const BUYER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as const;
const SELLER = "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec" as const;

let next = 1n;
function order(patch: Partial<Order>): Order {
  const id = next++;
  return {
    id,
    listingId: 1n,
    buyer: BUYER,
    seller: SELLER,
    token: ETH,
    amount: 100n,
    quantity: 1n,
    protocolFeeBps: 0n,
    arbiter: BUYER,
    arbiterFeeBps: 0n,
    state: "Funded",
    deadline: 1_000n,
    proposer: undefined,
    proposedBuyerShareBps: 0n,
    responseDeadline: 0n,
    respondentHeard: false,
    ...patch,
  };
}

describe("groupSales", () => {
  it("groups by state in the seller's order of urgency, with totals per token", () => {
    const groups = groupSales([
      order({ state: "Completed", amount: 5n }),
      order({ state: "Funded", amount: 10n }),
      order({ state: "Completed", amount: 7n, token: DUSD }),
      order({ state: "Completed", amount: 1n }),
      order({ state: "Disputed", amount: 3n }),
    ]);
    expect(groups.map((g) => g.state)).toEqual(["Funded", "Disputed", "Completed"]);
    const completed = groups.find((g) => g.state === "Completed")!;
    expect(completed.orders).toHaveLength(3);
    expect(completed.totals).toEqual([
      { token: ETH, amount: 6n },
      { token: DUSD, amount: 7n },
    ]);
  });

  it("returns nothing for no orders", () => {
    expect(groupSales([])).toEqual([]);
  });
});

describe("sellerAction", () => {
  it("asks to ship a funded order before its deadline, and flags it once the deadline has passed", () => {
    expect(sellerAction(order({ state: "Funded", deadline: 1_000n }), 999)?.kind).toBe("ship");
    expect(sellerAction(order({ state: "Funded", deadline: 1_000n }), 1_000)?.kind).toBe("late");
  });

  it("flags disputes, and a settlement the buyer proposed while there is time to accept", () => {
    expect(sellerAction(order({ state: "Disputed" }), 0)?.kind).toBe("dispute");
    const unanswered = order({ state: "Disputed", responseDeadline: 500n });
    expect(sellerAction(unanswered, 499)).toMatchObject({ kind: "answer", deadline: 500n });
    expect(sellerAction(unanswered, 500)?.kind).toBe("dispute");
    expect(sellerAction({ ...unanswered, respondentHeard: true }, 0)?.kind).toBe("dispute");
    expect(sellerAction(order({ state: "Fulfilled", proposer: BUYER, deadline: 500n }), 100)?.kind).toBe("proposal");
    expect(sellerAction(order({ state: "Fulfilled", proposer: BUYER, deadline: 500n }), 500)).toBeUndefined();
    expect(sellerAction(order({ state: "Fulfilled", proposer: SELLER }), 0)).toBeUndefined();
    expect(sellerAction(order({ state: "Fulfilled" }), 0)).toBeUndefined();
  });

  it("leaves ended orders alone", () => {
    for (const state of ["Completed", "Declined", "Cancelled", "Settled", "Ruled"] as const) {
      expect(sellerAction(order({ state }), 0)).toBeUndefined();
    }
  });

  it("lists the most urgent first", () => {
    const actions = sellerActions([order({ deadline: 300n }), order({ state: "Completed" }), order({ state: "Disputed", deadline: 100n }), order({ deadline: 200n })], 0);
    expect(actions.map((a) => a.deadline)).toEqual([100n, 200n, 300n]);
  });
});
