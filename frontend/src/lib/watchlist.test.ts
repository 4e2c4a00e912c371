import { afterEach, describe, expect, it } from "vitest";

import { MAX_WATCHED, readWatchlist, unwatchListing, watchListing } from "./watchlist.ts";

const ETH = "0x0000000000000000000000000000000000000000";

afterEach(() => localStorage.clear());

describe("watchlist", () => {
  it("watches a listing once, with its price then, and stops watching it", () => {
    watchListing({ id: "7", title: "Brass lamp", token: ETH, price: "10000000000000000" });
    watchListing({ id: "8", title: "Chair", token: ETH, price: "1" });
    watchListing({ id: "7", title: "Brass lamp", token: ETH, price: "20000000000000000" });
    expect(readWatchlist().map((w) => [w.id, w.price])).toEqual([
      ["8", "1"],
      ["7", "20000000000000000"],
    ]);
    unwatchListing("8");
    expect(readWatchlist().map((w) => w.id)).toEqual(["7"]);
  });

  it("keeps the newest up to the limit and cuts long titles", () => {
    for (let i = 0; i < MAX_WATCHED + 2; i++) watchListing({ id: String(i), title: "t".repeat(300), token: ETH, price: "1" });
    const watched = readWatchlist();
    expect(watched).toHaveLength(MAX_WATCHED);
    expect(watched[0]!.id).toBe("2");
    expect(watched[0]!.title).toHaveLength(200);
  });

  it("drops entries that are not a watched listing", () => {
    localStorage.setItem(
      "souk.watchlist",
      JSON.stringify([
        { id: "1", title: "ok", token: ETH, price: "5", addedAt: 1 },
        { id: "2", title: "bad token", token: "0x12", price: "5", addedAt: 1 },
        { id: "3", title: "bad price", token: ETH, price: "5.5", addedAt: 1 },
      ]),
    );
    expect(readWatchlist().map((w) => w.id)).toEqual(["1"]);
  });
});
