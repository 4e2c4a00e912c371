/**
 * The indexer against a real local chain (seeded demo market) and two PostgreSQL servers: the npm-installed one and
 * Debian's package. Every endpoint's answer is checked against the chain and IPFS, and both databases must give
 * the same answers. Also: search (stemming, accents, typos, weighting, recency, facets, filters), documents that
 * are missing or invalid, a reorg, freshness, and bad parameters.
 */
import {
  digestToCid,
  escrowAbi,
  listingMetadataSchema,
  listingRegistryAbi,
  ORDER_STATES,
  parseDocument,
  reputationAbi,
} from "@souk/sdk";
import pg from "pg";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { rpc } from "../../scripts/local/chain.ts";
import { devAccount, ROLES } from "../../scripts/local/accounts.ts";
import { eventually, get } from "./api-client.ts";
import { ETH } from "../../scripts/local/market-writer.ts";
import { APP_ORIGIN, debianPostgresBinDir, startTarget, startTestMarket, type Target, type TestMarket } from "./test-market.ts";
import { checkKeptCounts, compactNow } from "./kept-counts.ts";
import { parseListingsQuery } from "../server/query-params.ts";
import { searchListings } from "../server/search/listings-search.ts";

let market: TestMarket;
let targets: Target[] = [];
const seller = devAccount(ROLES.sellers[2]);
const buyer = devAccount(ROLES.buyers[0]);
const arbiter = devAccount(ROLES.arbiter).address;

beforeAll(async () => {
  const debian = debianPostgresBinDir();
  market = await startTestMarket();
  targets = [await startTarget(market, "embedded"), await startTarget(market, "debian", debian)];
}, 240_000);

afterAll(async () => {
  for (const target of targets) await target.stop();
  await market?.stop();
}, 60_000);

const client = () => market.writer.publicClient;
const registry = () => market.deployment.registry as Address;
const escrow = () => market.deployment.escrow as Address;

/** The listing counts kept by triggers equal a recount of the projection, on every target. */
async function countsInStep(): Promise<void> {
  for (const target of targets) {
    const check = await checkKeptCounts(target.postgres.url);
    expect(check.drift, target.name).toEqual([]);
    expect(check.listings).toBeGreaterThan(0);
  }
}

/** Waits until every target has indexed the chain's current head. */
async function caughtUp(): Promise<void> {
  const head = Number(await client().getBlockNumber());
  for (const target of targets) {
    await eventually(async () => {
      const { body } = await get(target.indexer.url, "/health");
      return body.block >= head ? true : undefined;
    });
  }
}

describe("every endpoint agrees with the chain", () => {
  it("GET /health: chain id, indexed block, synced", async () => {
    await caughtUp();
    const head = Number(await client().getBlockNumber());
    for (const target of targets) {
      const { status, body } = await get(target.indexer.url, "/health");
      expect(status).toBe(200);
      expect(body).toMatchObject({ chainId: 31337, block: head, synced: true });
    }
  });

  it("GET /api/listings and /api/listings/:id: every listing's state, versions and metadata", async () => {
    const created = await client().getContractEvents({ address: registry(), abi: listingRegistryAbi, eventName: "ListingCreated", fromBlock: 0n });
    for (const target of targets) {
      const { body } = await get(target.indexer.url, "/api/listings?status=all&pageSize=100");
      expect(body.total).toBe(created.length);
      expect(body.items.map((i: any) => i.id).sort()).toEqual(created.map((e) => e.args.listingId!.toString()).sort());
      for (const item of body.items) {
        const onChain = await client().readContract({ address: registry(), abi: listingRegistryAbi, functionName: "getListing", args: [BigInt(item.id)] });
        expect(item).toMatchObject({
          seller: onChain.seller.toLowerCase(),
          token: onChain.token.toLowerCase(),
          price: onChain.price.toString(),
          stock: onChain.stock.toString(),
          version: onChain.version.toString(),
          closed: onChain.closed,
          arbiter: onChain.arbiter.toLowerCase(),
          arbiterFeeBps: Number(onChain.arbiterFeeBps),
          fulfillmentWindow: Number(onChain.fulfillmentWindow),
          confirmationWindow: Number(onChain.confirmationWindow),
          orderCount: Number(onChain.orderCount),
        });
        // The document is exactly the one on IPFS under the digest the chain recorded last.
        const detail = (await get(target.indexer.url, `/api/listings/${item.id}`)).body;
        const digests = [
          ...created.filter((e) => e.args.listingId!.toString() === item.id).map((e) => e.args.metadataDigest!),
        ];
        expect(detail.versions[0].metadataDigest).toBe(digests[0]!.toLowerCase());
        expect(detail.versions.at(-1).version).toBe(onChain.version.toString());
        const bytes = new Uint8Array(await (await fetch(`${market.ipfs.gatewayUrl}/ipfs/${detail.metadata.cid}?format=raw`)).arrayBuffer());
        const parsed = parseDocument(listingMetadataSchema, bytes);
        expect(parsed.ok).toBe(true);
        expect(detail.metadata.status).toBe("valid");
        expect(detail.metadata.content).toEqual(JSON.parse(JSON.stringify(parsed.ok ? parsed.value : null)));
        expect(detail.metadata.cid).toBe(digestToCid(detail.metadata.digest));
      }
    }
  });

  it("GET /api/orders/:id and /api/orders?account=&role=: state, amounts, deadlines, timelines", async () => {
    const placed = await client().getContractEvents({ address: escrow(), abi: escrowAbi, eventName: "OrderPlaced", fromBlock: 0n });
    expect(placed.length).toBeGreaterThan(5);
    for (const target of targets) {
      for (const event of placed) {
        const id = event.args.orderId!;
        const onChain = await client().readContract({ address: escrow(), abi: escrowAbi, functionName: "getOrder", args: [id] });
        const { status, body } = await get(target.indexer.url, `/api/orders/${id}`);
        expect(status).toBe(200);
        expect(body).toMatchObject({
          id: id.toString(),
          listingId: onChain.listingId.toString(),
          buyer: onChain.buyer.toLowerCase(),
          seller: onChain.seller.toLowerCase(),
          token: onChain.token.toLowerCase(),
          amount: onChain.amount.toString(),
          quantity: onChain.quantity.toString(),
          protocolFeeBps: Number(onChain.protocolFeeBps),
          arbiter: onChain.arbiter.toLowerCase(),
          arbiterFeeBps: Number(onChain.arbiterFeeBps),
          state: ORDER_STATES[onChain.state],
        });
        const governing = { Funded: body.fulfillmentDeadline, Fulfilled: body.confirmationDeadline, Disputed: body.rulingDeadline }[
          body.state as "Funded"
        ];
        expect(governing ?? 0).toBe(Number(onChain.deadline));
        if (body.state === "Disputed") {
          expect(body.responseDeadline).toBe(Number(onChain.responseDeadline));
          expect(body.respondentHeard).toBe(onChain.respondentHeard);
        }
        expect(body.timeline[0]).toMatchObject({ kind: "Placed", actor: onChain.buyer.toLowerCase(), amount: onChain.amount.toString() });
        expect(body.timeline.length).toBeGreaterThanOrEqual(body.state === "Funded" ? 1 : 2);
        if (body.outcome !== null) {
          const parts = ["buyer", "seller", "arbiter", "protocol"].map((k) => BigInt(body.outcome[k]));
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(onChain.amount);
        }
      }
      for (const account of [...ROLES.buyers, ...ROLES.sellers].map((i) => devAccount(i).address.toLowerCase())) {
        for (const role of ["buyer", "seller"] as const) {
          const expected = placed.filter((e) => e.args[role]!.toLowerCase() === account).map((e) => e.args.orderId!.toString());
          const { body } = await get(target.indexer.url, `/api/orders?account=${account}&role=${role}&pageSize=100`);
          expect(body.total).toBe(expected.length);
          expect(body.items.map((o: any) => o.id).sort()).toEqual(expected.sort());
        }
      }
    }
  });

  it("GET /api/accounts/:address: the reputation contract's stats, every review with its reply", async () => {
    const rated = await client().getContractEvents({ address: market.deployment.reputation as Address, abi: reputationAbi, eventName: "Rated", fromBlock: 0n });
    const replied = await client().getContractEvents({ address: market.deployment.reputation as Address, abi: reputationAbi, eventName: "Replied", fromBlock: 0n });
    for (const target of targets) {
      for (const index of [...ROLES.sellers, ...ROLES.buyers]) {
        const address = devAccount(index).address;
        const stats = await client().readContract({ address: market.deployment.reputation as Address, abi: reputationAbi, functionName: "statsOf", args: [address] });
        const { body } = await get(target.indexer.url, `/api/accounts/${address}`);
        expect(body.asSeller).toMatchObject({
          ratings: Number(stats.ratingsAsSeller),
          scoreSum: Number(stats.scoreSumAsSeller),
          completedOrders: Number(stats.completedAsSeller),
        });
        expect(body.asBuyer).toMatchObject({
          ratings: Number(stats.ratingsAsBuyer),
          scoreSum: Number(stats.scoreSumAsBuyer),
          completedOrders: Number(stats.completedAsBuyer),
        });
        const received = rated.filter((e) => e.args.ratee!.toLowerCase() === address.toLowerCase());
        expect(body.reviewsTotal).toBe(received.length);
        for (const review of body.reviews) {
          const event = received.find((e) => e.args.orderId!.toString() === review.orderId)!;
          expect(review.score).toBe(Number(event.args.score));
          const reply = replied.find((e) => e.args.orderId === event.args.orderId && e.args.author!.toLowerCase() === address.toLowerCase());
          expect(review.reply === null).toBe(reply === undefined);
          if (reply !== undefined) {
            expect(review.reply.document.digest).toBe(reply.args.replyDigest!.toLowerCase());
            expect(review.reply.document.status).toBe("valid");
          }
          if (review.review !== null) expect(review.review.status).toBe("valid");
        }
      }
    }
  });

  it("GET /api/arbiters/:address/disputes: the open disputes with both sides' evidence", async () => {
    const opened = await client().getContractEvents({ address: escrow(), abi: escrowAbi, eventName: "DisputeOpened", fromBlock: 0n });
    const open: string[] = [];
    for (const e of opened) {
      const order = await client().readContract({ address: escrow(), abi: escrowAbi, functionName: "getOrder", args: [e.args.orderId!] });
      if (ORDER_STATES[order.state] === "Disputed" && order.arbiter === arbiter) open.push(e.args.orderId!.toString());
    }
    expect(open.length).toBeGreaterThan(0);
    for (const target of targets) {
      const { body } = await get(target.indexer.url, `/api/arbiters/${arbiter}/disputes`);
      expect(body.items.map((o: any) => o.id).sort()).toEqual(open.sort());
      const evidence = body.items[0].timeline.filter((e: any) => e.kind === "EvidenceSubmitted");
      expect(new Set(evidence.map((e: any) => e.actor)).size).toBe(2);
      for (const e of evidence) expect(e.document.status).toBe("valid");
      const all = (await get(target.indexer.url, `/api/arbiters/${arbiter}/disputes?status=all`)).body;
      expect(all.total).toBe(opened.length);
    }
  });

  it("GET /api/stats: listings and orders per state as on the chain", async () => {
    const created = await client().getContractEvents({ address: registry(), abi: listingRegistryAbi, eventName: "ListingCreated", fromBlock: 0n });
    const placed = await client().getContractEvents({ address: escrow(), abi: escrowAbi, eventName: "OrderPlaced", fromBlock: 0n });
    const byState: Record<string, number> = {};
    for (const e of placed) {
      const order = await client().readContract({ address: escrow(), abi: escrowAbi, functionName: "getOrder", args: [e.args.orderId!] });
      const state = ORDER_STATES[order.state]!;
      byState[state] = (byState[state] ?? 0) + 1;
    }
    for (const target of targets) {
      const { body } = await get(target.indexer.url, "/api/stats");
      expect(body.listings.total).toBe(created.length);
      expect(body.orders.total).toBe(placed.length);
      expect(Object.fromEntries(Object.entries(body.orders.byState).filter(([, n]) => n !== 0))).toEqual(byState);
      expect(body.documents.pending + body.documents.unavailable + body.documents.invalid).toBe(0);
      expect(body.tokens.map((t: any) => t.token).sort()).toEqual(
        [ETH, ...market.deployment.tokens.map((t) => t.address.toLowerCase())].sort(),
      );
    }
  });

  it("both databases give the same answers", async () => {
    await caughtUp();
    const paths = [
      "/api/listings?pageSize=100",
      "/api/listings?q=wool%20scarves",
      "/api/listings?sort=price-desc&token=" + ETH,
      "/api/stats",
      `/api/accounts/${devAccount(ROLES.sellers[0]).address}`,
      `/api/orders?account=${buyer.address}`,
      `/api/sellers/${devAccount(ROLES.sellers[0]).address}/analytics`,
      `/api/price-suggestion?category=Electronics&token=${ETH}`,
      "/api/listings/1/similar",
    ];
    // Funding checks run in the background: compared once both have checked every rated order.
    for (const account of ROLES.sellers.map((i) => devAccount(i).address)) {
      const path = `/api/accounts/${account}/trust`;
      const [a, b] = await onAll(path, (body) => body.fundingChecks.pending === 0);
      expect(b, path).toEqual(a);
    }
    for (const path of paths) {
      const [a, b] = await Promise.all(targets.map((t) => get(t.indexer.url, path)));
      expect(b!.body, path).toEqual(a!.body);
    }
  });
});

/** Every target's answer for `path`, once `accept` holds on all of them. */
async function onAll(path: string, accept: (body: any) => boolean, timeoutMs = 10_000): Promise<any[]> {
  return Promise.all(
    targets.map(async (target) => (await eventually(async () => {
      const { body } = await get(target.indexer.url, path);
      return accept(body) ? body : undefined;
    }, timeoutMs)).value),
  );
}

const titles = (body: any): string[] => body.items.map((i: any) => i.metadata.content?.title);

describe("search", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const publish = async (key: string, input: Parameters<typeof market.writer.createListing>[2]) => {
      ids[key] = (await market.writer.createListing(seller, arbiter, input)).listingId.toString();
    };
    await publish("accents", { title: "Crème brûlée torch for the kitchen", category: "Home & Garden" });
    await publish("inTitle", { title: "Quartz pendulum clock", description: "Keeps good time, chimes on the hour, walnut case." });
    await publish("inDescription", { title: "Wall decoration", description: "A panel with a small quartz insert in the middle of it." });
    await publish("older", { title: "Linen tablecloth", description: "Natural linen, washed, two metres long." });
    // A month later, the same words: the newer listing ranks first.
    await rpc(market.chain.url, "evm_increaseTime", [30 * 86_400]);
    await publish("newer", { title: "Linen tablecloth", description: "Natural linen, washed, two metres long." });
    // Searchable once every document is in (the older and newer tablecloths share theirs).
    await onAll("/api/listings?q=linen%20tablecloth&status=all", (body) => body.total === 2);
    await onAll("/api/listings?q=quartz&status=all", (body) => body.total === 2);
    await onAll("/api/listings?q=torch&status=all", (body) => body.total === 1);
  }, 60_000);

  it("stems English words: scarves finds the scarf, running finds run", async () => {
    for (const [q, title] of [["scarves", "Hand-knitted wool scarf"], ["knitting", "Hand-knitted wool scarf"], ["novel", "Three cloth-bound hardcover novels"]] as const) {
      for (const body of await onAll(`/api/listings?q=${q}`, () => true)) expect(titles(body).join("|"), q).toContain(title);
    }
  });

  it("folds accents both ways", async () => {
    for (const q of ["creme brulee", "crème", "BRÛLÉE torch"]) {
      for (const body of await onAll(`/api/listings?q=${encodeURIComponent(q)}`, () => true)) {
        expect(body.items.map((i: any) => i.id), q).toEqual([ids.accents]);
      }
    }
  });

  it("tolerates typos in words of four letters or more, and says what it corrected", async () => {
    for (const [q, title] of [["camra", "film camera"], ["headphnes", "wireless headphones"], ["rangefindr camera", "rangefinder"]] as const) {
      for (const body of await onAll(`/api/listings?q=${encodeURIComponent(q)}`, () => true)) {
        expect(titles(body).join("|"), q).toContain(title);
      }
    }
    const [body] = await onAll("/api/listings?q=camra", () => true);
    expect(body.corrections).toEqual({ camra: ["camera"] });
    // Three letters are matched as typed: "mgu" is not "mug".
    for (const body of await onAll("/api/listings?q=mgu", () => true)) expect(body.total).toBe(0);
  });

  it("matches while typing: the last word is a prefix", async () => {
    for (const body of await onAll("/api/listings?q=pendul", () => true)) expect(body.items[0].id).toBe(ids.inTitle);
  });

  it("a query of stop words only constrains nothing: it answers as browsing does", async () => {
    for (const target of targets) {
      const browse = (await get(target.indexer.url, "/api/listings")).body;
      const stopWords = (await get(target.indexer.url, "/api/listings?q=the%20of")).body;
      expect(stopWords.total).toBeGreaterThan(0);
      expect({ ...stopWords, items: stopWords.items.map((i: any) => i.id) }).toMatchObject({
        total: browse.total,
        totalExact: true,
        items: browse.items.map((i: any) => i.id),
        facets: browse.facets,
      });
    }
  });

  it("weighs the title over the description, and newer over older", async () => {
    for (const body of await onAll("/api/listings?q=quartz", () => true)) {
      expect(body.items.map((i: any) => i.id)).toEqual([ids.inTitle, ids.inDescription]);
      expect(body.items[0].relevance).toBeGreaterThan(body.items[1].relevance);
    }
    for (const body of await onAll("/api/listings?q=linen%20tablecloth", () => true)) {
      expect(body.items.map((i: any) => i.id)).toEqual([ids.newer, ids.older]);
    }
  });

  it("counts facets per category and per token for the current query, each ignoring its own filter", async () => {
    const [all] = await onAll("/api/listings?pageSize=100", () => true);
    const byCategory = new Map<string, number>();
    const byToken = new Map<string, number>();
    for (const item of all.items) {
      byCategory.set(item.metadata.content.category, (byCategory.get(item.metadata.content.category) ?? 0) + 1);
      byToken.set(item.token, (byToken.get(item.token) ?? 0) + 1);
    }
    expect(Object.fromEntries(all.facets.categories.map((f: any) => [f.category, f.count]))).toEqual(Object.fromEntries(byCategory));
    expect(Object.fromEntries(all.facets.tokens.map((f: any) => [f.token, f.count]))).toEqual(Object.fromEntries(byToken));
    const [filtered] = await onAll(`/api/listings?category=Other&token=${ETH}`, () => true);
    const other = all.items.filter((i: any) => i.metadata.content.category === "Other");
    expect(filtered.total).toBe(other.filter((i: any) => i.token === ETH).length);
    expect(filtered.facets.categories.find((f: any) => f.category === "Home & Garden").count).toBe(
      all.items.filter((i: any) => i.token === ETH && i.metadata.content.category === "Home & Garden").length,
    );
    expect(Object.fromEntries(filtered.facets.tokens.map((f: any) => [f.token, f.count]))).toEqual(
      Object.fromEntries([...new Set(other.map((i: any) => i.token))].map((t) => [t, other.filter((i: any) => i.token === t).length])),
    );
  });

  it("filters and sorts exactly as the chain's data says", async () => {
    const [all] = await onAll("/api/listings?pageSize=100", () => true);
    const eth = all.items.filter((i: any) => i.token === ETH);
    const prices = eth.map((i: any) => BigInt(i.price)).sort((a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0));
    const min = prices[1]!;
    const max = prices.at(-2)!;
    for (const target of targets) {
      const asc = (await get(target.indexer.url, `/api/listings?token=${ETH}&sort=price-asc&pageSize=100`)).body;
      expect(asc.items.map((i: any) => BigInt(i.price))).toEqual(prices);
      const range = (await get(target.indexer.url, `/api/listings?token=${ETH}&minPrice=${min}&maxPrice=${max}&pageSize=100`)).body;
      expect(range.total).toBe(prices.filter((p: bigint) => p >= min && p <= max).length);
      const inStock = (await get(target.indexer.url, "/api/listings?inStock=true&pageSize=100")).body;
      expect(inStock.total).toBe(all.items.filter((i: any) => BigInt(i.stock) > 0n).length);
      const mine = (await get(target.indexer.url, `/api/listings?seller=${seller.address}&pageSize=100`)).body;
      expect(mine.total).toBe(all.items.filter((i: any) => i.seller === seller.address.toLowerCase()).length);
      const rated = (await get(target.indexer.url, "/api/listings?minRating=4.9&sort=rating&pageSize=100")).body;
      expect(rated.total).toBe(all.items.filter((i: any) => (i.sellerRating.average ?? 0) >= 4.9).length);
      const newest = (await get(target.indexer.url, "/api/listings?pageSize=5&page=2")).body;
      expect(newest.items.map((i: any) => i.id)).toEqual(all.items.slice(5, 10).map((i: any) => i.id));
    }
  });
});

describe("documents", () => {
  it("a missing document leaves the listing unsearchable until it arrives, then it is found", async () => {
    const bytes = market.writer.listingDocument({ title: "Porcelain teapot with bamboo handle", category: "Home & Garden" });
    const { digestOf } = await import("@souk/sdk");
    const digest = await digestOf(bytes);
    const { listingId } = await market.writer.createListing(seller, arbiter, { title: "unused" }, digest);
    const [detail] = await onAll(`/api/listings/${listingId}`, (body) => body.metadata?.status === "unavailable");
    expect(detail.metadata.error).toMatch(/HTTP 404/);
    for (const body of await onAll("/api/listings?q=teapot", () => true)) expect(body.total).toBe(0);
    // Browsing still shows it, without its text.
    for (const body of await onAll(`/api/listings?seller=${seller.address}&pageSize=100`, () => true)) {
      expect(body.items.find((i: any) => i.id === listingId.toString()).metadata.status).toBe("unavailable");
    }
    await countsInStep();
    await market.writer.uploadBytes(bytes);
    for (const body of await onAll("/api/listings?q=teapot", (b) => b.total === 1, 15_000)) {
      expect(body.items[0].id).toBe(listingId.toString());
    }
    // The document's category reached the counts (it was counted without one until then).
    await countsInStep();
  });

  it("an invalid document is recorded with the reason and kept out of search and browsing", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ schema: "souk.listing/1", description: "no title", category: "Other", images: [] }));
    const digest = await market.writer.uploadBytes(bytes);
    const before = (await onAll("/api/listings?status=all", () => true))[0].total;
    const { listingId } = await market.writer.createListing(seller, arbiter, { title: "unused" }, digest);
    const [detail] = await onAll(`/api/listings/${listingId}`, (body) => body.metadata?.status === "invalid");
    expect(detail.metadata.error).toMatch(/title/);
    expect(detail.metadata.content).toBeUndefined();
    for (const body of await onAll("/api/listings?status=all", () => true)) expect(body.total).toBe(before);
    for (const body of await onAll("/api/stats", () => true)) expect(body.documents.invalid).toBe(1);
    await countsInStep();
  });
});

describe("freshness and reorgs", () => {
  it("a new listing and an order's new state reach the API within 2 s of their block", async () => {
    // Timed from before the transaction is sent, so the figures include mining it: an upper bound.
    const delays = (check: (t: Target) => Promise<true | undefined>) =>
      Promise.all(targets.map(async (t) => (await eventually(() => check(t))).ms));
    const worst: number[] = [];
    for (let round = 0; round < 3; round++) {
      const digest = await market.writer.uploadBytes(market.writer.listingDocument({ title: `Fresh listing ${round}` }));
      let started = performance.now();
      const { listingId } = await market.writer.createListing(seller, arbiter, { title: "unused" }, digest);
      const sent = performance.now() - started;
      for (const ms of await delays(async (t) => ((await get(t.indexer.url, `/api/listings/${listingId}`)).status === 200 ? true : undefined))) {
        worst.push(sent + ms);
      }
      started = performance.now();
      const orderId = await market.writer.buyWithEth(buyer, listingId, 1n);
      const bought = performance.now() - started;
      for (const ms of await delays(async (t) => ((await get(t.indexer.url, `/api/orders/${orderId}`)).body.state === "Funded" ? true : undefined))) {
        worst.push(bought + ms);
      }
    }
    console.info(`Freshness (transaction sent to answer in the API): worst ${Math.max(...worst).toFixed(0)} ms of ${worst.length}`);
    for (const ms of worst) expect(ms).toBeLessThanOrEqual(2_000);
  });

  it("a new rating moves its seller in the rating filter and sort at once", async () => {
    const buyers = ROLES.buyers.map((i) => devAccount(i));
    const waiting = await Promise.all(
      buyers.map(async (b) => (await get(targets[0]!.indexer.url, `/api/orders?account=${b.address}&role=buyer&state=Fulfilled`)).body.items),
    );
    const fulfilled = waiting.flat()[0];
    expect(fulfilled, "the seeded market has a fulfilled order").toBeDefined();
    const rater = buyers.find((a) => a.address.toLowerCase() === fulfilled.buyer)!;
    // Every searchable listing of the seller (listings with an invalid document are never listed).
    const listed = (await get(targets[0]!.indexer.url, `/api/listings?seller=${fulfilled.seller}&status=all`)).body.total;
    expect(listed).toBeGreaterThan(0);
    await market.writer.send(rater, { address: escrow(), abi: escrowAbi, functionName: "confirm", args: [BigInt(fulfilled.id)] });
    await market.writer.send(rater, {
      address: market.deployment.reputation,
      abi: reputationAbi,
      functionName: "rate",
      args: [BigInt(fulfilled.id), 1n, `0x${"0".repeat(64)}`],
    });
    const stats = await client().readContract({ address: market.deployment.reputation as Address, abi: reputationAbi, functionName: "statsOf", args: [fulfilled.seller] });
    const average = Number(stats.scoreSumAsSeller) / Number(stats.ratingsAsSeller);
    for (const body of await onAll(`/api/listings?seller=${fulfilled.seller}&status=all&sort=rating&pageSize=100`, (b) => b.items[0]?.sellerRating.count === Number(stats.ratingsAsSeller))) {
      expect(body.total).toBe(listed);
    }
    const above = Math.floor(average * 100) / 100 + 0.01;
    for (const target of targets) {
      const atAverage = (await get(target.indexer.url, `/api/listings?seller=${fulfilled.seller}&status=all&minRating=${Math.floor(average * 100) / 100}`)).body;
      expect(atAverage.total).toBe(listed);
      const over = (await get(target.indexer.url, `/api/listings?seller=${fulfilled.seller}&status=all&minRating=${above.toFixed(2)}`)).body;
      expect(over.total).toBe(0);
    }
  });

  it("a listing in blocks that a reorg removes disappears from every answer", async () => {
    await caughtUp();
    const statsBefore = (await onAll("/api/stats", () => true))[0];
    // Browsing counts from the kept counts: the total and the category's facet follow the listing in and out.
    const browse = `/api/listings?status=all&seller=${seller.address}`;
    const toys = (body: any) => body.facets.categories.find((f: any) => f.category === "Toys & Games")?.count ?? 0;
    const [browseBefore] = await onAll(browse, () => true);
    const snapshot = await rpc<string>(market.chain.url, "evm_snapshot");
    const { listingId } = await market.writer.createListing(seller, arbiter, { title: "Ephemeral snow globe", category: "Toys & Games" });
    await rpc(market.chain.url, "evm_mine");
    await onAll("/api/listings?q=snow%20globe", (body) => body.total === 1);
    for (const body of await onAll(browse, (b) => toys(b) === toys(browseBefore) + 1)) expect(body.total).toBe(browseBefore.total + 1);
    await countsInStep();
    await rpc(market.chain.url, "evm_revert", [snapshot]);
    // Other blocks take their place.
    for (let i = 0; i < 3; i++) await rpc(market.chain.url, "evm_mine");
    await onAll(`/api/listings?q=snow%20globe`, (body) => body.total === 0);
    for (const body of await onAll(browse, (b) => b.total === browseBefore.total)) expect(body.facets).toEqual(browseBefore.facets);
    await countsInStep();
    for (const target of targets) {
      expect((await get(target.indexer.url, `/api/listings/${listingId}`)).status).toBe(404);
      const stats = (await get(target.indexer.url, "/api/stats")).body;
      expect(stats.listings).toEqual(statsBefore.listings);
      const seller2 = (await get(target.indexer.url, `/api/accounts/${seller.address}`)).body;
      expect(seller2.asSeller.listings).toBe(
        (await client().getContractEvents({ address: registry(), abi: listingRegistryAbi, eventName: "ListingCreated", args: { seller: seller.address }, fromBlock: 0n })).length,
      );
    }
  });
});

describe("counts", () => {
  it("the kept counts follow a purchase that sells out and a close, and folding their deltas changes no answer", async () => {
    await countsInStep();
    const { listingId } = await market.writer.createListing(seller, arbiter, { title: "Single brass doorknob", category: "Home & Garden", stock: 1n });
    await onAll(`/api/listings/${listingId}`, (body) => body.metadata?.status === "valid");
    const [inStock] = await onAll("/api/listings?inStock=true&status=all", () => true);
    const [closed] = await onAll("/api/listings?status=closed", () => true);
    await market.writer.buyWithEth(buyer, listingId, 1n);
    await onAll("/api/listings?inStock=true&status=all", (body) => body.total === inStock.total - 1);
    await countsInStep();
    await market.writer.send(seller, { address: registry(), abi: listingRegistryAbi, functionName: "closeListing", args: [listingId] });
    await onAll("/api/listings?status=closed", (body) => body.total === closed.total + 1);
    await countsInStep();

    const paths = ["/api/listings?status=all", "/api/listings?inStock=false&status=all", `/api/listings?seller=${seller.address}`];
    const before = await Promise.all(targets.map((t) => Promise.all(paths.map(async (path) => (await get(t.indexer.url, path)).body))));
    for (const target of targets) await compactNow(target.postgres.url);
    for (const [i, target] of targets.entries()) {
      const check = await checkKeptCounts(target.postgres.url);
      expect(check.drift).toEqual([]);
      expect(check.deltas).toBe(0);
      const after = await Promise.all(paths.map(async (path) => (await get(target.indexer.url, path)).body));
      expect(after).toEqual(before[i]);
    }
  });

  it("counts text matches exactly up to the limit, and past it says that there are more", async () => {
    const dusd = market.deployment.tokens[0]!.address as Address;
    // Oldest first: A (Fashion, ETH), B (Fashion, DUSD), C (Electronics, ETH), D (Fashion, ETH), E (Electronics, DUSD).
    const plan = [
      ["A", "Fashion", ETH],
      ["B", "Fashion", dusd],
      ["C", "Electronics", ETH],
      ["D", "Fashion", ETH],
      ["E", "Electronics", dusd],
    ] as const;
    const id: Record<string, string> = {};
    for (const [name, category, token] of plan) {
      const price = token === ETH ? 10n ** 16n : 5_000_000n;
      id[name] = (await market.writer.createListing(seller, arbiter, { title: `Quokka plush ${name}`, category, token, price })).listingId.toString();
    }
    const facetsOf = (body: any) => ({
      categories: Object.fromEntries(body.facets.categories.map((f: any) => [f.category, f.count])),
      tokens: Object.fromEntries(body.facets.tokens.map((f: any) => [f.token, f.count])),
    });
    // The API's limit (10,000): everything exact.
    for (const body of await onAll("/api/listings?q=quokka", (b) => b.total === 5)) {
      expect(body).toMatchObject({ total: 5, totalExact: true, facets: { exact: true } });
      expect(facetsOf(body)).toEqual({ categories: { Fashion: 3, Electronics: 2 }, tokens: { [ETH]: 3, [dusd.toLowerCase()]: 2 } });
    }
    const pool = new pg.Pool({ connectionString: targets[0]!.postgres.url, max: 2 });
    try {
      const search = (params: string, countLimit: number) =>
        searchListings(pool, "souk", parseListingsQuery(new URL(`http://api/api/listings?${params}`)), { countLimit });
      const ids = (page: { ids: bigint[] }) => page.ids.map(String);

      const atLimit = await search("q=quokka", 5);
      expect(atLimit).toMatchObject({ total: 5, totalExact: true, facets: { exact: true } });

      // Past the limit: the newest four are counted and ranked, and the answer says there are more.
      const over = await search("q=quokka", 4);
      expect(over).toMatchObject({ total: 4, totalExact: false, facets: { exact: false } });
      expect(facetsOf(over)).toEqual({ categories: { Fashion: 2, Electronics: 2 }, tokens: { [ETH]: 2, [dusd.toLowerCase()]: 2 } });
      expect(ids(over).sort()).toEqual([id.B, id.C, id.D, id.E].sort());

      // A filter that leaves few enough: its total is exact, while the facets (counted without it) are not.
      const electronics = await search("q=quokka&category=Electronics", 4);
      expect(electronics).toMatchObject({ total: 2, totalExact: true, facets: { exact: false } });
      expect(ids(electronics)).toEqual([id.E, id.C]);
      expect(await search("q=quokka&category=Fashion", 2)).toMatchObject({ total: 2, totalExact: false });

      // Orders other than relevance read every match from their index: the page is exact even past the limit.
      const newest = await search("q=quokka&sort=newest&pageSize=5", 2);
      expect(newest).toMatchObject({ total: 2, totalExact: false });
      expect(ids(newest)).toEqual([id.E, id.D, id.C, id.B, id.A]);
      const cheapest = await search(`q=quokka&token=${ETH}&sort=price-asc`, 1);
      expect(cheapest).toMatchObject({ total: 1, totalExact: false });
      expect(ids(cheapest).sort()).toEqual([id.A, id.C, id.D].sort());
    } finally {
      await pool.end();
    }
  });
});

describe("bad requests", () => {
  const cases: Array<[string, RegExp]> = [
    ["/api/listings?sort=cheapest", /"sort" must be one of: relevance, newest, price-asc, price-desc, rating/],
    ["/api/listings?category=Cars", /"category" must be one of/],
    ["/api/listings?token=0x123", /"token" must be an address/],
    ["/api/listings?minPrice=1.5&token=" + ETH, /"minPrice" must be a whole number/],
    ["/api/listings?minPrice=10", /give the token too/],
    [`/api/listings?minPrice=10&maxPrice=5&token=${ETH}`, /minPrice must not be greater than maxPrice/],
    ["/api/listings?minRating=6", /"minRating" must be a number from 1 to 5/],
    ["/api/listings?inStock=yes", /"inStock" must be "true" or "false"/],
    ["/api/listings?page=0", /"page" must be a whole number from 1/],
    ["/api/listings?pageSize=1000", /"pageSize" must be a whole number from 1 to 100/],
    ["/api/listings?q=" + "a".repeat(201), /"q" must be at most 200 characters/],
    ["/api/listings?q=one two three four five six seven eight nine", /at most 8 words/],
    ["/api/listings?categroy=Other", /Unknown parameter: categroy/],
    ["/api/listings?page=1&page=2", /"page" is given more than once/],
    ["/api/listings/abc", /listing id must be a whole number/],
    ["/api/accounts/0xnothex", /address must be an address/],
    ["/api/orders", /"account" is required/],
    [`/api/orders?account=${buyer.address}&role=judge`, /"role" must be one of: buyer, seller, arbiter, any/],
    [`/api/orders?account=${buyer.address}&state=Lost`, /"state" must be states separated by commas/],
    [`/api/arbiters/${arbiter}/disputes?status=closed`, /"status" must be "open" or "all"/],
    ["/api/stats?x=1", /Unknown parameter: x/],
  ];
  it.each(cases)("GET %s → 400", async (path, message) => {
    for (const target of targets) {
      const { status, body } = await get(target.indexer.url, path);
      expect(status, path).toBe(400);
      expect(body.error).toMatch(message);
    }
  });

  it("unknown things are 404 with a message", async () => {
    for (const target of targets) {
      for (const path of ["/api/listings/999999", "/api/orders/42", "/api/nothing"]) {
        const { status, body } = await get(target.indexer.url, path);
        expect(status, path).toBe(404);
        expect(body.error).toMatch(/No /);
      }
    }
  });

  it("CORS allows the dApp's origin only, on the API and on GraphQL", async () => {
    const target = targets[0]!;
    for (const path of ["/api/stats", "/health"]) {
      const allowed = await get(target.indexer.url, path, { origin: APP_ORIGIN });
      expect(allowed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
      // The market statistics say whether the answer was computed for this request or served again.
      if (path.startsWith("/api/")) expect(allowed.headers.get("server-timing")).toMatch(/^cache;desc=(hit|miss), app;dur=\d+\.\d+$/);
      const other = await get(target.indexer.url, path, { origin: "http://evil.example" });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
    }
    const graphql = await fetch(`${target.indexer.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ query: "{ listings(limit: 1) { items { id } } }" }),
    });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await graphql.json()) as any).data.listings.items).toHaveLength(1);
  });

  it("listens on the loopback interface only", async () => {
    const { networkInterfaces } = await import("node:os");
    const external = Object.values(networkInterfaces()).flat().find((i) => i !== undefined && !i.internal && i.family === "IPv4");
    const port = new URL(targets[0]!.indexer.url).port;
    if (external !== undefined) {
      await expect(fetch(`http://${external.address}:${port}/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
    expect(new URL(targets[0]!.indexer.ponderUrl).hostname).toBe("127.0.0.1");
  });
});
