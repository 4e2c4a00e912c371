import { describe, expect, it } from "vitest";

import { countByRole, filterReviews, newestFirst, parseRoleFilter, plural, scoreDistribution } from "./reviews.ts";

const review = (orderId: number, role: "Seller" | "Buyer", score: number, blockNumber: number) => ({
  orderId: BigInt(orderId),
  role,
  score,
  blockNumber: BigInt(blockNumber),
});

const REVIEWS = [
  review(7, "Seller", 5, 30),
  review(6, "Buyer", 4, 30),
  review(5, "Seller", 5, 20),
  review(4, "Seller", 2, 10),
  review(3, "Buyer", 5, 5),
];

describe("role filter", () => {
  it("reads only the known values from the URL", () => {
    expect(parseRoleFilter("seller")).toBe("seller");
    expect(parseRoleFilter("buyer")).toBe("buyer");
    expect(parseRoleFilter(null)).toBe("all");
    expect(parseRoleFilter("arbiter")).toBe("all");
  });

  it("keeps the reviews of one role in their order", () => {
    expect(filterReviews(REVIEWS, "seller").map((r) => Number(r.orderId))).toEqual([7, 5, 4]);
    expect(filterReviews(REVIEWS, "buyer").map((r) => Number(r.orderId))).toEqual([6, 3]);
    expect(filterReviews(REVIEWS, "all")).toHaveLength(5);
  });

  it("counts per role", () => {
    expect(countByRole(REVIEWS)).toEqual({ all: 5, seller: 3, buyer: 2 });
    expect(countByRole([])).toEqual({ all: 0, seller: 0, buyer: 0 });
  });
});

describe("newestFirst", () => {
  it("sorts by block, newest first, keeping the given order within a block", () => {
    const shuffled = [REVIEWS[3]!, REVIEWS[1]!, REVIEWS[4]!, REVIEWS[0]!, REVIEWS[2]!];
    expect(newestFirst(shuffled).map((r) => Number(r.orderId))).toEqual([6, 7, 5, 4, 3]);
    expect(newestFirst(REVIEWS).map((r) => Number(r.orderId))).toEqual([7, 6, 5, 4, 3]);
  });
});

describe("scoreDistribution", () => {
  it("counts each score in one role, five stars first, with rounded percentages", () => {
    expect(scoreDistribution(REVIEWS, "Seller")).toEqual([
      { score: 5, count: 2, percent: 67 },
      { score: 4, count: 0, percent: 0 },
      { score: 3, count: 0, percent: 0 },
      { score: 2, count: 1, percent: 33 },
      { score: 1, count: 0, percent: 0 },
    ]);
  });

  it("is all zeros without ratings", () => {
    expect(scoreDistribution([], "Buyer").every((b) => b.count === 0 && b.percent === 0)).toBe(true);
  });
});

describe("plural", () => {
  it("says one and many, with grouped thousands", () => {
    expect(plural(1, "rating")).toBe("1 rating");
    expect(plural(0, "rating")).toBe("0 ratings");
    expect(plural(1200, "completed sale")).toBe("1,200 completed sales");
  });
});
