import { describe, expect, it } from "vitest";

import type { AccountStats } from "../../hooks/use-stats.ts";
import { headerFacts } from "./profile-header.tsx";

const stats = (seller: [number, number | undefined, number], buyer: [number, number | undefined, number]): AccountStats => ({
  asSeller: { ratings: seller[0], average: seller[1], completed: seller[2] },
  asBuyer: { ratings: buyer[0], average: buyer[1], completed: buyer[2] },
});

describe("headerFacts", () => {
  it("is empty until the stats are known", () => {
    expect(headerFacts(undefined, 3)).toEqual([]);
  });

  it("summarises ratings per role, completed trades and open listings", () => {
    expect(headerFacts(stats([13, 4.1, 12], [1, 5, 2]), 5)).toEqual([
      { text: "★ 4.1 as seller (13)", spoken: "Rated 4.1 out of 5 as a seller, 13 ratings" },
      { text: "★ 5.0 as buyer (1)", spoken: "Rated 5.0 out of 5 as a buyer, 1 rating" },
      { text: "14 completed trades" },
      { text: "5 open listings" },
    ]);
  });

  it("says when there is no history yet", () => {
    expect(headerFacts(stats([0, undefined, 0], [0, undefined, 0]), 0)).toEqual([{ text: "No completed trades yet" }]);
  });
});
