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
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { rpc } from "../../scripts/local/chain.ts";
import { devAccount, ROLES } from "../../scripts/local/accounts.ts";
import { eventually, get } from "./api-client.ts";
import { ETH } from "./market-writer.ts";
import { APP_ORIGIN, debianPostgresBinDir, startTarget, startTestMarket, type Target, type TestMarket } from "./test-market.ts";

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
      byState[ORDER_STATES[order.state]] = (byState[ORDER_STATES[order.state]] ?? 0) + 1;
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
    ];
    for (const path of paths) {
      const [a, b] = await Promise.all(targets.map((t) => get(t.indexer.url, path)));
      expect(b!.body, path).toEqual(a!.body);
    }
  });
});
