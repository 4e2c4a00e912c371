import { describe, expect, it } from "vitest";

import { explainPlan, planUpdate } from "./update-plan.ts";

const current = { currentPrice: 100n, currentStock: 5n };

describe("planUpdate", () => {
  it("treats untouched or unchanged boxes as no change", () => {
    expect(planUpdate({ ...current, price: undefined, stock: undefined, metadataChanged: false }).nothing).toBe(true);
    expect(planUpdate({ ...current, price: 100n, stock: 5n, metadataChanged: false }).nothing).toBe(true);
  });

  it("bumps the version for a new price or description, not for stock", () => {
    expect(planUpdate({ ...current, price: 120n, stock: undefined, metadataChanged: false })).toMatchObject({ priceChanged: true, bumpsVersion: true });
    expect(planUpdate({ ...current, price: undefined, stock: undefined, metadataChanged: true }).bumpsVersion).toBe(true);
    expect(planUpdate({ ...current, price: undefined, stock: 0n, metadataChanged: false })).toMatchObject({ stockChanged: true, bumpsVersion: false, nothing: false });
  });
});

describe("explainPlan", () => {
  it("names the next version and what changes", () => {
    const text = explainPlan(planUpdate({ ...current, price: 1n, stock: 9n, metadataChanged: true }), 2n);
    expect(text).toContain("A new price and description makes this listing version 3");
    expect(text).toContain("Buyers who opened version 2");
    expect(text).toContain("fails safely");
    expect(text).toContain("The new quantity is saved in the same transaction.");
  });

  it("reassures that a stock change keeps the version", () => {
    expect(explainPlan(planUpdate({ ...current, price: undefined, stock: 1n, metadataChanged: false }), 4n)).toBe(
      "Only the quantity changes, so the listing stays at version 4: buyers in the middle of a purchase are not interrupted.",
    );
  });
});
