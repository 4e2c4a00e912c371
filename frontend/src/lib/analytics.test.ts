import { afterEach, describe, expect, it, vi } from "vitest";

import { fetchPriceSuggestion, fetchRatingTrust, fetchSalesCsv, priceSuggestionSchema } from "./analytics.ts";
import { markIndexer } from "./indexer-status.ts";

const BASE = "http://127.0.0.1:42069";
const TOKEN = "0xAbCdEf0000000000000000000000000000000001";
const SELLER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

function answer(body: string, status = 200) {
  const fetch = vi.fn(async (_url: string) => new Response(body, { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  markIndexer("up");
});

const suggestion = { category: "Toys & Games", token: TOKEN.toLowerCase(), days: 90, asOf: 1_700_000_000, count: 3, median: "20", low: "10", high: "30" };

describe("analytics client", () => {
  it("asks for a price suggestion by category and lower-case token, and reads the answer", async () => {
    const fetch = answer(JSON.stringify(suggestion));
    const answered = await fetchPriceSuggestion(BASE, "Toys & Games", TOKEN);
    expect(answered).toEqual(suggestion);
    const url = new URL(fetch.mock.calls[0]![0]);
    expect(url.pathname).toBe("/api/price-suggestion");
    expect(Object.fromEntries(url.searchParams)).toEqual({ category: "Toys & Games", token: TOKEN.toLowerCase() });
  });

  it("refuses amounts that are not whole base units (a float would lose decimals)", () => {
    expect(priceSuggestionSchema.safeParse({ ...suggestion, median: "20.5" }).success).toBe(false);
    expect(priceSuggestionSchema.safeParse({ ...suggestion, median: null, low: null, high: null, count: 2 }).success).toBe(true);
  });

  it("refuses a rating-trust answer with a flag it does not know", async () => {
    const trust = {
      address: SELLER,
      plain: { count: 1, average: 5 },
      weighted: [],
      distinctBuyers: 1,
      repeatBuyers: 0,
      ratingsFromRepeatBuyers: 0,
      flagged: [{ orderId: "1", rater: SELLER, score: 5, token: TOKEN.toLowerCase(), amount: "1", flags: [{ kind: "suspicious" }] }],
      withoutFlagged: { count: 0, average: null },
      fundingChecks: { checked: 1, pending: 0 },
    };
    answer(JSON.stringify(trust));
    await expect(fetchRatingTrust(BASE, SELLER)).rejects.toThrow("not valid");
    answer(JSON.stringify({ ...trust, flagged: [{ ...trust.flagged[0], flags: [{ kind: "back-and-forth", medianInToken: "1000" }] }] }));
    await expect(fetchRatingTrust(BASE, SELLER)).resolves.toMatchObject({ flagged: [{ flags: [{ kind: "back-and-forth" }] }] });
  });

  it("downloads the sales CSV, and refuses what is not one", async () => {
    const csv = "order_id,placed_at,fulfilled_at\r\n1,2026-01-01T00:00:00Z,\r\n";
    const fetch = answer(csv);
    const blob = await fetchSalesCsv(BASE, SELLER);
    expect(await blob.text()).toBe(csv);
    expect(blob.type).toBe("text/csv;charset=utf-8");
    expect(fetch.mock.calls[0]![0]).toBe(`${BASE}/api/sellers/${SELLER}/sales.csv`);
    answer("<html>proxy error</html>");
    await expect(fetchSalesCsv(BASE, SELLER)).rejects.toThrow("not the sales CSV");
    answer("", 404);
    await expect(fetchSalesCsv(BASE, SELLER)).rejects.toThrow("404");
  });
});
