/**
 * The indexer's analytics against an independent recomputation from the chain (recompute.ts: viem getLogs, every
 * block, documents from the gateway), on the seeded demo market plus months of activity (insights-scenario.ts):
 * market statistics, seller analytics and the sales CSV, price suggestions, similar listings, and ratings one can
 * trust (value-weighted, distinct buyers, self-dealing flags). Every figure of every answer is compared.
 */
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { devAccount, ROLES } from "../../scripts/local/accounts.ts";
import { ETH } from "../../scripts/local/market-writer.ts";
import { eventually, get } from "./api-client.ts";
import { playInsightsScenario, type InsightsScenario } from "./insights-scenario.ts";
import {
  expectedMarketStats,
  expectedPriceSuggestion,
  expectedSalesRows,
  expectedSellerAnalytics,
  expectedTrust,
  parseCsv,
  readChain,
  type ChainFacts,
} from "./recompute.ts";
import { startTarget, startTestMarket, type Target, type TestMarket } from "./test-market.ts";

let market: TestMarket;
let target: Target;
let scenario: InsightsScenario;
let facts: ChainFacts;
let sellers: string[];
const api = (path: string) => get(target.indexer.url, path);

beforeAll(async () => {
  market = await startTestMarket();
  target = await startTarget(market, "embedded");
  // Played while the indexer follows the chain, as it would live.
  scenario = await playInsightsScenario(market);
  const head = Number(await market.writer.publicClient.getBlockNumber());
  await eventually(async () => ((await api("/health")).body.block >= head ? true : undefined), 30_000);
  await eventually(async () => {
    const { documents } = (await api("/api/stats")).body;
    return documents.pending + documents.unavailable === 0 ? true : undefined;
  }, 30_000);
  sellers = [...ROLES.sellers.map((i) => devAccount(i).address), ...Object.values(scenario.sellers).map((a) => a.address)].map((a) =>
    a.toLowerCase(),
  );
  // Every rated order's funding has been checked.
  for (const seller of sellers) {
    await eventually(async () => ((await api(`/api/accounts/${seller}/trust`)).body.fundingChecks.pending === 0 ? true : undefined), 60_000);
  }
  facts = await readChain(market.writer.publicClient, market.deployment, market.ipfs.gatewayUrl);
}, 300_000);

afterAll(async () => {
  await target?.stop();
  await market?.stop();
}, 60_000);

describe("GET /api/stats", () => {
  it("every analytics figure equals its recomputation from the chain's logs", async () => {
    const { status, body } = await api("/api/stats");
    expect(status).toBe(200);
    const head = await market.writer.publicClient.getBlock();
    expect(body.asOf).toBe(Number(head.timestamp));
    const expected = expectedMarketStats(facts);
    for (const key of Object.keys(expected) as Array<keyof typeof expected>) expect(body[key], key).toEqual(expected[key]);
    // The comparison is not vacuous: the scenario put something in every figure.
    const eth = body.volume.find((v: any) => v.token === ETH);
    expect(eth.daily).toHaveLength(90);
    expect(eth.weekly).toHaveLength(52);
    expect(eth.daily.filter((p: any) => p.orders > 0).length).toBeGreaterThanOrEqual(3);
    expect(eth.weekly.filter((p: any) => p.orders > 0).length).toBeGreaterThanOrEqual(3);
    expect(body.outcomes).toMatchObject({ declined: 2, cancelled: 1, ruled: 2, settled: 1 });
    expect(body.disputes.rate).toBeGreaterThan(0);
    expect(body.timing.toFulfil.p90).toBeGreaterThan(body.timing.toFulfil.median);
    expect(body.active.sellers).toBe(4);
    expect(body.categories.find((c: any) => c.category === "Electronics").sales).toBeGreaterThanOrEqual(6);
    expect(BigInt(body.protocolFees.find((f: any) => f.token === ETH).claimed)).toBeGreaterThan(0n);
  });
});

describe("seller analytics", () => {
  it("GET /api/sellers/:address/analytics: revenue, funnel, shipping, ratings, buyers, best sellers, stock alerts", async () => {
    for (const seller of sellers) {
      const { status, body } = await api(`/api/sellers/${seller}/analytics`);
      expect(status).toBe(200);
      expect(body, seller).toEqual(expectedSellerAnalytics(facts, seller));
    }
    const radios = (await api(`/api/sellers/${scenario.sellers.radios.address}/analytics`)).body;
    expect(radios.stockAlerts).toEqual([
      expect.objectContaining({ listingId: scenario.listings.lamp.toString(), kind: "sold-out", stock: "0" }),
      expect.objectContaining({ listingId: scenario.listings.radio.toString(), kind: "low", stock: "5", soldRecently: "6", daysLeft: 25 }),
    ]);
    expect(radios.buyers).toEqual({ distinct: 5, repeat: 2, ordersFromRepeat: 4 });
    expect(radios.funnel).toMatchObject({ placed: 7, fulfilled: 7, completed: 6, ruled: 1, disputed: 1 });
    expect(radios.ratings.weekly.length).toBeGreaterThanOrEqual(2);
  });

  it("GET /api/sellers/:address/sales.csv: one row per order, exact in each token's decimals", async () => {
    const tokens = new Map<string, { symbol: string; decimals: number }>([[ETH, { symbol: "ETH", decimals: 18 }]]);
    for (const t of market.deployment.tokens) tokens.set(t.address.toLowerCase(), { symbol: t.symbol, decimals: t.decimals });
    for (const seller of sellers) {
      const response = await fetch(`${target.indexer.url}/api/sellers/${seller}/sales.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="souk-sales-${seller}.csv"`);
      expect(parseCsv(await response.text()), seller).toEqual(expectedSalesRows(facts, seller, tokens));
    }
    const scarves = parseCsv(await (await fetch(`${target.indexer.url}/api/sellers/${scenario.sellers.scarves.address}/sales.csv`)).text());
    // 2 × 25 DUSD, 1% protocol fee: written in DUSD's six decimals, not in base units nor rounded.
    expect(scarves.find((row) => row[15] === "50")).toEqual(expect.arrayContaining(["DUSD", "6", "25", "50", "0.5", "0", "49.5", "0"]));
    const stickers = parseCsv(await (await fetch(`${target.indexer.url}/api/sellers/${scenario.sellers.pairA.address}/sales.csv`)).text());
    expect(stickers[1]![8]).toBe(`'=HYPERLINK("http://evil.example", "Sticker sheet")`);
  });
});

describe("help to price and to find", () => {
  it("GET /api/price-suggestion: median and range of completed sales in the last 90 days, nothing under 3", async () => {
    const electronics = (await api(`/api/price-suggestion?category=Electronics&token=${ETH}`)).body;
    expect(electronics).toEqual(expectedPriceSuggestion(facts, "Electronics", ETH));
    // Five sales at 0.02, 0.02, 0.03, 0.03, 0.03 ETH; the 0.5 ETH sale is older than 90 days.
    expect(electronics).toMatchObject({ count: 5, median: "30000000000000000", low: "20000000000000000", high: "30000000000000000" });
    const fashion = (await api(`/api/price-suggestion?category=Fashion&token=${scenario.dusd.toLowerCase()}`)).body;
    expect(fashion).toEqual(expectedPriceSuggestion(facts, "Fashion", scenario.dusd.toLowerCase()));
    const other = (await api(`/api/price-suggestion?category=Other&token=${ETH}`)).body;
    expect(other).toEqual(expectedPriceSuggestion(facts, "Other", ETH));
    expect(other).toMatchObject({ count: 2, median: null, low: null, high: null });
  });

  it("GET /api/listings/:id/similar: open listings in stock from other sellers with the most alike titles", async () => {
    const { listings } = scenario;
    const similar = (await api(`/api/listings/${listings.radio}/similar`)).body;
    expect(similar.items[0]).toMatchObject({ id: listings.similarRadio.toString(), seller: scenario.sellers.scarves.address.toLowerCase() });
    expect(similar.items[0].similarity).toBeGreaterThan(0.5);
    const ids = similar.items.map((i: any) => i.id);
    expect(ids).not.toContain(listings.closedRadio.toString());
    for (const item of similar.items) {
      expect(item.seller).not.toBe(scenario.sellers.radios.address.toLowerCase());
      expect(item.closed).toBe(false);
      expect(BigInt(item.stock)).toBeGreaterThan(0n);
    }
    expect(similar.items.map((i: any) => i.similarity)).toEqual([...similar.items.map((i: any) => i.similarity)].sort((a, b) => b - a));
    const back = (await api(`/api/listings/${listings.similarRadio}/similar?limit=1`)).body;
    expect(back.items.map((i: any) => i.id)).toEqual([listings.radio.toString()]);
    // Nothing alike: an empty list, not unrelated listings.
    expect((await api(`/api/listings/${listings.keychain}/similar`)).body.items).toEqual([]);
  });
});

describe("ratings people can trust", () => {
  it("GET /api/accounts/:address/trust: plain and value-weighted averages, distinct and repeat buyers, self-dealing flags", async () => {
    for (const seller of sellers) {
      const { status, body } = await api(`/api/accounts/${seller}/trust`);
      expect(status).toBe(200);
      expect(body, seller).toEqual(expectedTrust(facts, seller));
    }
    const radios = (await api(`/api/accounts/${scenario.sellers.radios.address}/trust`)).body;
    expect(radios.flagged).toEqual([expect.objectContaining({ rater: scenario.funded.byEth.address.toLowerCase(), flags: [expect.objectContaining({ kind: "funded-by-seller", via: "eth" })] })]);
    expect(radios.repeatBuyers).toBe(1);
    const scarves = (await api(`/api/accounts/${scenario.sellers.scarves.address}/trust`)).body;
    expect(Object.fromEntries(scarves.flagged.map((f: any) => [f.rater, f.flags.map((x: any) => x.via)]))).toEqual({
      [scenario.funded.byToken.address.toLowerCase()]: ["token"],
      [scenario.funded.byWithdrawal.address.toLowerCase()]: ["withdrawal"],
    });
    for (const pair of [scenario.sellers.pairA, scenario.sellers.pairB]) {
      const body = (await api(`/api/accounts/${pair.address}/trust`)).body;
      expect(body.flagged.map((f: any) => f.flags.map((x: any) => x.kind))).toEqual([["back-and-forth"]]);
      expect(body.withoutFlagged).toEqual({ count: 0, average: null });
      expect(body.plain).toEqual({ count: 1, average: 5 });
    }
  });
});

describe("bad requests", () => {
  const cases: Array<[string, RegExp]> = [
    [`/api/price-suggestion?token=${ETH}`, /"category" is required/],
    [`/api/price-suggestion?category=Cars&token=${ETH}`, /"category" must be one of/],
    ["/api/price-suggestion?category=Other&token=0x12", /"token" must be an address/],
    [`/api/price-suggestion?category=Other&token=${ETH}&days=30`, /Unknown parameter: days/],
    ["/api/listings/1/similar?limit=0", /"limit" must be a whole number from 1 to 24/],
    ["/api/listings/1/similar?limit=25", /"limit" must be a whole number from 1 to 24/],
    ["/api/listings/x/similar", /listing id must be a whole number/],
    ["/api/sellers/0x123/analytics", /address must be an address/],
    [`/api/sellers/${ETH}/analytics?from=1`, /Unknown parameter: from/],
    ["/api/sellers/nobody/sales.csv", /address must be an address/],
    ["/api/accounts/0x1/trust", /address must be an address/],
  ];
  it.each(cases)("GET %s → 400", async (path, message) => {
    const { status, body } = await api(path);
    expect(status, path).toBe(400);
    expect(body.error).toMatch(message);
  });

  it("an unknown listing's similar listings are 404; an unknown seller has empty analytics", async () => {
    const missing = await api("/api/listings/999999999/similar");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/No listing 999999999/);
    const nobody = (await api(`/api/sellers/0x${"ab".repeat(20)}/analytics`)).body;
    expect(nobody).toMatchObject({ revenue: [], bestSellers: [], stockAlerts: [], funnel: { placed: 0 } });
    const csv = await (await fetch(`${target.indexer.url}/api/sellers/0x${"ab".repeat(20)}/sales.csv`)).text();
    expect(parseCsv(csv)).toHaveLength(1);
  });
});

export type { Address };
