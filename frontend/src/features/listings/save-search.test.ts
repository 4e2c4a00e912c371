import { describe, expect, it } from "vitest";

import { DEFAULT_PARAMS } from "./filter.ts";
import { describeSearch } from "./save-search.tsx";

describe("describeSearch", () => {
  it("says a saved search in words: text, category, currency with its range, rating", () => {
    expect(
      describeSearch({ ...DEFAULT_PARAMS, q: " wool scarf ", category: "Fashion", token: "0xabc", min: "10", max: "50", minRating: 4 }, "DUSD"),
    ).toBe("“wool scarf”, in Fashion, in DUSD from 10 up to 50, sellers rated 4+");
  });

  it("all listings when nothing narrows it, and a currency it cannot name yet", () => {
    expect(describeSearch(DEFAULT_PARAMS, undefined)).toBe("all listings");
    expect(describeSearch({ ...DEFAULT_PARAMS, token: "eth", max: "1" }, undefined)).toBe("in one currency up to 1");
  });
});
