import { afterEach, describe, expect, it, vi } from "vitest";

import { orderOf } from "./indexed-orders.ts";
import { healthSchema, indexedOrderSchema, indexerGet, listingsPageSchema } from "./indexer.ts";
import { indexerState, markIndexer } from "./indexer-status.ts";

const BASE = "http://127.0.0.1:42069";
const SELLER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

function listing(overrides: Record<string, unknown> = {}) {
  return {
    id: "7",
    seller: SELLER,
    token: "0x0000000000000000000000000000000000000000",
    price: "10000000000000000",
    stock: "2",
    version: "1",
    closed: false,
    arbiter: "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
    arbiterFeeBps: 150,
    fulfillmentWindow: 259200,
    confirmationWindow: 604800,
    createdAt: 1_700_000_000,
    createdBlock: 12,
    updatedAt: 1_700_000_000,
    orderCount: 0,
    unitsSold: "0",
    sellerRating: { count: 2, average: 4.5 },
    metadata: {
      cid: "bafkreie",
      digest: `0x${"ab".repeat(32)}`,
      status: "valid",
      content: { schema: "souk.listing/1", title: "Brass lamp", description: "A lamp.", category: "Home & Garden", images: [] },
    },
    ...overrides,
  };
}

function answer(body: unknown, status = 200) {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })));
}

afterEach(() => {
  vi.unstubAllGlobals();
  markIndexer("up");
});

describe("indexerGet", () => {
  it("returns a valid answer and marks the indexer up", async () => {
    markIndexer("down");
    answer({ total: 1, totalExact: true, page: 1, pageSize: 24, items: [listing()], facets: { exact: true, categories: [], tokens: [] } });
    const page = await indexerGet(BASE, "/api/listings", listingsPageSchema);
    expect(page.items[0]!.metadata.content?.title).toBe("Brass lamp");
    expect(indexerState()).toBe("up");
  });

  it.each([
    ["a price that is not a whole number", listing({ price: "1.5" })],
    ["an address in another shape", listing({ seller: "0x1234" })],
    ["a document that fails the schema", listing({ metadata: { ...listing().metadata, content: { schema: "souk.listing/1", title: "" } } })],
    ["a title with control characters", listing({ metadata: { ...listing().metadata, content: { ...listing().metadata.content, title: "Lamp\u202e" } } })],
  ])("refuses %s and marks the indexer down", async (_, item) => {
    answer({ total: 1, totalExact: true, page: 1, pageSize: 24, items: [item], facets: { exact: true, categories: [], tokens: [] } });
    await expect(indexerGet(BASE, "/api/listings", listingsPageSchema)).rejects.toThrow("not valid");
    expect(indexerState()).toBe("down");
  });

  it("counts an unreachable or failing service as down, a refused request not", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    await expect(indexerGet(BASE, "/health", healthSchema)).rejects.toThrow("not answering");
    expect(indexerState()).toBe("down");
    markIndexer("up");
    answer({ error: "boom" }, 500);
    await expect(indexerGet(BASE, "/health", healthSchema)).rejects.toThrow("500");
    expect(indexerState()).toBe("down");
    markIndexer("up");
    answer({ error: "The parameter \"sort\" must be one of …" }, 400);
    await expect(indexerGet(BASE, "/api/listings?sort=x", listingsPageSchema)).rejects.toThrow("400");
    expect(indexerState()).toBe("up");
  });
});

describe("orders from the indexer", () => {
  const base = {
    id: "4294967297",
    listingId: "1",
    listingVersion: "1",
    buyer: "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
    seller: SELLER,
    arbiter: "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
    token: "0x0000000000000000000000000000000000000000",
    quantity: "1",
    amount: "18000000000000000",
    protocolFeeBps: 100,
    arbiterFeeBps: 150,
    placedAt: 100,
    fulfillmentDeadline: 200,
    fulfilledAt: null,
    confirmationDeadline: null,
    disputedAt: null,
    responseDeadline: null,
    respondentHeard: false,
    rulingDeadline: null,
    endedAt: null,
    proposal: null,
    title: "Mug",
  };

  it.each([
    ["Funded", {}, 200n],
    ["Fulfilled", { fulfilledAt: 150, confirmationDeadline: 400 }, 400n],
    ["Disputed", { fulfilledAt: 150, confirmationDeadline: 400, disputedAt: 300, rulingDeadline: 900 }, 900n],
    ["Completed", { fulfilledAt: 150, confirmationDeadline: 400, endedAt: 310 }, 0n],
  ] as const)("a %s order carries the deadline getOrder would give", (state, times, deadline) => {
    const order = orderOf(indexedOrderSchema.parse({ ...base, ...times, state }));
    expect(order.deadline).toBe(deadline);
    expect(order.amount).toBe(18_000_000_000_000_000n);
    expect(order.proposer).toBeUndefined();
  });

  it("keeps a standing settlement proposal", () => {
    const order = orderOf(indexedOrderSchema.parse({ ...base, state: "Disputed", rulingDeadline: 900, proposal: { proposer: SELLER, buyerShareBps: 4000 } }));
    expect(order.proposer).toBe(SELLER);
    expect(order.proposedBuyerShareBps).toBe(4000n);
  });
});
