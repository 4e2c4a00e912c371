import { describe, expect, it } from "vitest";

import { arbiterSuggestions } from "./arbiter-suggestions.ts";

const A = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as const;
const B = "0x1eaf000000000000000000000000000000094d7a" as const;
const S1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const S2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const;

describe("arbiterSuggestions", () => {
  it("offers distinct arbiters, those trusted by more sellers first, never the seller", () => {
    const listings = [
      { arbiter: B, seller: S1 },
      { arbiter: B, seller: S1 },
      { arbiter: B, seller: S1 },
      { arbiter: A, seller: S1 },
      { arbiter: A.toLowerCase() as `0x${string}`, seller: S2 },
      { arbiter: S2, seller: S1 },
    ];
    expect(arbiterSuggestions(listings, S2)).toEqual([
      { address: A, listings: 2, sellers: 2 },
      { address: B, listings: 3, sellers: 1 },
    ]);
    expect(arbiterSuggestions(listings, undefined, 1)).toHaveLength(1);
  });
});
