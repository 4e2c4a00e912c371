import type { ListingMetadata } from "@souk/sdk/schemas";
import { describe, expect, it } from "vitest";

import type { ListingState } from "../../lib/catalogue.ts";
import {
  activeFilterCount,
  applyFilters,
  DEFAULT_PARAMS,
  pageItems,
  paginate,
  readParams,
  tokenFromParam,
  tokenParam,
  writeParams,
  type BrowseParams,
  type FilterContext,
  type SellerRating,
} from "./filter.ts";
import { entryFromDocument, normalise, type MetaEntry } from "./metadata-entry.ts";

const ETH = "0x0000000000000000000000000000000000000000";
const DUSD = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CAROL = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

function listing(id: number, overrides: Partial<ListingState> = {}): ListingState {
  return {
    id: BigInt(id),
    seller: ALICE,
    token: ETH,
    price: 10n ** 16n,
    stock: 3n,
    version: 1n,
    closed: false,
    arbiter: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    arbiterFeeBps: 200n,
    fulfillmentWindow: 259_200n,
    confirmationWindow: 604_800n,
    metadataDigest: `0x${id.toString(16).padStart(64, "0")}`,
    createdBlock: BigInt(id),
    orderCount: 0,
    unitsSold: 0n,
    ...overrides,
  };
}

function metadata(title: string, overrides: Partial<ListingMetadata> = {}): MetaEntry {
  return entryFromDocument({
    ok: true,
    value: {
      schema: "souk.listing/1",
      title,
      description: "A fine thing.",
      category: "Home & Garden",
      images: [],
      attributes: [],
      ...overrides,
    },
  });
}

function context(
  meta: Record<number, MetaEntry | undefined>,
  ratings: Record<string, SellerRating | undefined> = {},
  decimals?: number,
): FilterContext {
  return {
    meta: (l) => meta[Number(l.id)],
    rating: (seller) => ratings[seller],
    decimals,
    tokenRank: (token) => (token === ETH ? 0 : 1),
  };
}

const params = (overrides: Partial<BrowseParams> = {}): BrowseParams => ({ ...DEFAULT_PARAMS, ...overrides });
const ids = (items: ListingState[]) => items.map((l) => Number(l.id));

describe("URL parameters", () => {
  it("round-trips every parameter through the URL", () => {
    const all = params({
      q: "stoneware mug",
      category: "Home & Garden",
      token: DUSD.toLowerCase(),
      min: "10",
      max: "99.5",
      minRating: 4,
      soldOut: true,
      sort: "price-desc",
      page: 3,
    });
    expect(readParams(new URLSearchParams(writeParams(all).toString()))).toEqual(all);
  });

  it("leaves defaults out of the URL", () => {
    expect(writeParams(DEFAULT_PARAMS).toString()).toBe("");
  });

  it("drops price bounds when no single currency is chosen", () => {
    expect(writeParams(params({ min: "1", max: "2" })).toString()).toBe("");
  });

  it("ignores malformed values from a hand-edited link", () => {
    const read = readParams(
      new URLSearchParams("category=Weapons&token=0x123&rating=9&sort=cheapest&page=-2&min=<script>&soldout=yes"),
    );
    expect(read).toEqual(DEFAULT_PARAMS);
  });

  it("names ETH as eth and other tokens by lower-case address", () => {
    expect(tokenParam(ETH)).toBe("eth");
    expect(tokenParam(DUSD)).toBe(DUSD.toLowerCase());
    expect(tokenFromParam("eth")).toBe(ETH);
    expect(tokenFromParam(DUSD.toLowerCase())).toBe(DUSD.toLowerCase());
  });

  it("counts the active filters", () => {
    expect(activeFilterCount(DEFAULT_PARAMS)).toBe(0);
    expect(activeFilterCount(params({ category: "Fashion", token: "eth", min: "1", minRating: 3, soldOut: true }))).toBe(5);
    // Price bounds without a currency do nothing, so they do not count.
    expect(activeFilterCount(params({ min: "1" }))).toBe(0);
  });
});

describe("search", () => {
  it("normalises case, accents and whitespace", () => {
    expect(normalise("  Crème   BRÛLÉE\n")).toBe("creme brulee");
  });

  it("indexes title, description and tags", () => {
    const entry = metadata("Stoneware Mug", { description: "Hand-thrown\nin the studio", tags: ["Kitchen"] });
    expect(entry.status === "ready" && entry.search).toBe("stoneware mug hand-thrown in the studio kitchen");
  });

  it("matches every word of the query, in title or description, in any order", () => {
    const all = [listing(1), listing(2), listing(3)];
    const meta = {
      1: metadata("Stoneware mug", { description: "Glazed in ocean blue." }),
      2: metadata("Film camera", { description: "A blue leather strap." }),
      3: metadata("Blue stoneware bowl"),
    };
    expect(ids(applyFilters(all, params({ q: "BLUE stoneware" }), context(meta)).items)).toEqual([3, 1]);
    expect(ids(applyFilters(all, params({ q: "camera" }), context(meta)).items)).toEqual([2]);
    expect(ids(applyFilters(all, params({ q: "   " }), context(meta)).items)).toEqual([3, 2, 1]);
  });

  it("counts listings whose metadata has not arrived as pending, not as matches", () => {
    const all = [listing(1), listing(2)];
    const result = applyFilters(all, params({ q: "mug" }), context({ 1: metadata("Mug") }));
    expect(ids(result.items)).toEqual([1]);
    expect(result.pending).toBe(1);
  });

  it("never matches unverified or invalid documents, but lists them when nothing is searched", () => {
    const all = [listing(1), listing(2), listing(3)];
    const meta: Record<number, MetaEntry> = {
      1: { status: "unverified", error: "different bytes" },
      2: { status: "invalid", error: "title: is required" },
      3: metadata("Lamp"),
    };
    expect(ids(applyFilters(all, params({ q: "l" }), context(meta)).items)).toEqual([3]);
    expect(ids(applyFilters(all, params({ category: "Home & Garden" }), context(meta)).items)).toEqual([3]);
    expect(ids(applyFilters(all, params(), context(meta)).items)).toEqual([3, 2, 1]);
  });
});

describe("filters", () => {
  it("hides closed listings always, and sold-out ones unless asked", () => {
    const all = [listing(1, { closed: true }), listing(2, { stock: 0n }), listing(3)];
    expect(ids(applyFilters(all, params(), context({})).items)).toEqual([3]);
    expect(ids(applyFilters(all, params({ soldOut: true }), context({})).items)).toEqual([3, 2]);
  });

  it("filters by category from the metadata", () => {
    const all = [listing(1), listing(2)];
    const meta = { 1: metadata("Jacket", { category: "Fashion" }), 2: metadata("Plant") };
    expect(ids(applyFilters(all, params({ category: "Fashion" }), context(meta)).items)).toEqual([1]);
  });

  it("filters by currency, and by price in that currency's units", () => {
    const all = [
      listing(1, { token: DUSD, price: 5_000_000n }), // 5 DUSD
      listing(2, { token: DUSD, price: 38_500_000n }), // 38.5 DUSD
      listing(3, { token: DUSD, price: 120_000_000n }), // 120 DUSD
      listing(4, { token: ETH, price: 10n ** 18n }),
    ];
    const dusd = DUSD.toLowerCase();
    expect(ids(applyFilters(all, params({ token: dusd }), context({}, {}, 6)).items)).toEqual([3, 2, 1]);
    expect(ids(applyFilters(all, params({ token: dusd, min: "5.5", max: "120" }), context({}, {}, 6)).items)).toEqual([3, 2]);
    expect(ids(applyFilters(all, params({ token: "eth", max: "1" }), context({}, {}, 18)).items)).toEqual([4]);
  });

  it("ignores a price bound that is not an amount, and says which", () => {
    const all = [listing(1, { token: DUSD, price: 1n })];
    const result = applyFilters(all, params({ token: DUSD.toLowerCase(), min: "1.1234567", max: "abc" }), context({}, {}, 6));
    expect(result.price.invalid).toEqual(["min", "max"]);
    expect(ids(result.items)).toEqual([1]);
  });

  it("does not filter by price until the currency's decimals are known", () => {
    const all = [listing(1, { token: DUSD, price: 1n })];
    expect(ids(applyFilters(all, params({ token: DUSD.toLowerCase(), min: "100" }), context({})).items)).toEqual([1]);
  });

  it("filters by the seller's average rating; unrated sellers do not qualify", () => {
    const all = [listing(1, { seller: ALICE }), listing(2, { seller: BOB }), listing(3, { seller: CAROL })];
    const ratings = { [ALICE]: { average: 4.5, ratings: 2 }, [BOB]: { average: 3.9, ratings: 7 }, [CAROL]: { average: undefined, ratings: 0 } };
    expect(ids(applyFilters(all, params({ minRating: 4 }), context({}, ratings)).items)).toEqual([1]);
    expect(ids(applyFilters(all, params({ minRating: 3 }), context({}, ratings)).items)).toEqual([2, 1]);
  });

  it("counts listings whose seller's rating is unknown yet as pending", () => {
    const result = applyFilters([listing(1)], params({ minRating: 1 }), context({}));
    expect(result.items).toEqual([]);
    expect(result.pending).toBe(1);
  });
});

describe("sorting", () => {
  const all = [
    listing(1, { price: 300n }),
    listing(2, { price: 100n, token: DUSD }),
    listing(3, { price: 200n }),
    listing(4, { price: 100n }),
    listing(5, { price: 50n, token: DUSD }),
  ];

  it("shows the newest first by default", () => {
    expect(ids(applyFilters([...all].reverse(), params(), context({})).items)).toEqual([5, 4, 3, 2, 1]);
  });

  it("sorts by price within each currency, never across currencies", () => {
    expect(ids(applyFilters(all, params({ sort: "price-asc" }), context({})).items)).toEqual([4, 3, 1, 5, 2]);
    expect(ids(applyFilters(all, params({ sort: "price-desc" }), context({})).items)).toEqual([1, 3, 4, 2, 5]);
  });

  it("sorts by the seller's rating, then number of ratings, unrated last", () => {
    const rated = [listing(1, { seller: ALICE }), listing(2, { seller: BOB }), listing(3, { seller: CAROL }), listing(4, { seller: BOB })];
    const ratings = { [ALICE]: { average: 4.8, ratings: 3 }, [BOB]: { average: 4.8, ratings: 10 } };
    expect(ids(applyFilters(rated, params({ sort: "rating" }), context({}, ratings)).items)).toEqual([4, 2, 1, 3]);
  });
});

describe("pages", () => {
  it("slices 24 per page and clamps an out-of-range page", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(paginate(items, 1)).toMatchObject({ page: 1, pageCount: 3, offset: 0 });
    expect(paginate(items, 3).items).toEqual([48, 49]);
    expect(paginate(items, 9)).toMatchObject({ page: 3, offset: 48 });
    expect(paginate([], 2)).toMatchObject({ page: 1, pageCount: 1, items: [] });
  });

  it("offers the first, last and nearby pages with gaps between", () => {
    expect(pageItems(1, 1)).toEqual([1]);
    expect(pageItems(1, 5)).toEqual([1, 2, "gap", 5]);
    expect(pageItems(5, 10)).toEqual([1, "gap", 4, 5, 6, "gap", 10]);
    expect(pageItems(4, 10)).toEqual([1, 2, 3, 4, 5, "gap", 10]);
    expect(pageItems(7, 10)).toEqual([1, "gap", 6, 7, 8, 9, 10]);
    expect(pageItems(10, 10)).toEqual([1, "gap", 9, 10]);
  });
});
