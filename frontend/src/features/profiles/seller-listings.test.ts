import { describe, expect, it } from "vitest";

import type { ListingState } from "../../lib/catalogue.ts";
import { openListingsOf } from "./seller-listings.tsx";

const SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

const listing = (id: number, seller: string, stock: number, closed = false) =>
  ({ id: BigInt(id), seller, stock: BigInt(stock), closed }) as ListingState;

describe("openListingsOf", () => {
  it("keeps the seller's open listings, in stock first, newest first in each group", () => {
    const listings = [
      listing(9, SELLER, 0),
      listing(8, OTHER, 5),
      listing(7, SELLER.toLowerCase(), 3),
      listing(6, SELLER, 2, true),
      listing(5, SELLER, 1),
      listing(4, SELLER, 0),
    ];
    expect(openListingsOf(listings, SELLER).map((l) => Number(l.id))).toEqual([7, 5, 9, 4]);
  });

  it("is empty for an account without listings", () => {
    expect(openListingsOf([listing(1, OTHER, 1)], SELLER)).toEqual([]);
  });
});
