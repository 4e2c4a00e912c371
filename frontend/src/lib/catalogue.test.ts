// @vitest-environment node
import { escrowAbi, listingRegistryAbi } from "@souk/sdk/contracts";
import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";

import { eventLog } from "../test/event-log.ts";
import { FakeNode } from "../test/fake-node.ts";
import { loadCatalogue, REORG_WINDOW } from "./catalogue.ts";
import type { Contracts } from "./deployment.ts";

const REGISTRY: Address = "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be";
const ESCROW: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const SELLER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BUYER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const DIGEST: Hex = `0x${"ab".repeat(32)}`;
const contracts = { registry: REGISTRY, escrow: ESCROW, reputation: ESCROW, deployBlock: 1n } as Contracts;

function created(listingId: bigint, blockNumber: bigint, stock = 3n) {
  return eventLog(
    listingRegistryAbi,
    "ListingCreated",
    {
      listingId, seller: SELLER, token: "0x0000000000000000000000000000000000000000", price: 5n, stock,
      arbiter: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", arbiterFeeBps: 200n, fulfillmentWindow: 259_200n,
      confirmationWindow: 604_800n, metadataDigest: DIGEST, version: 1n,
    },
    { address: REGISTRY, blockNumber },
  );
}

function placed(orderId: bigint, listingId: bigint, quantity: bigint, blockNumber: bigint) {
  return eventLog(
    escrowAbi,
    "OrderPlaced",
    { orderId, buyer: BUYER, seller: SELLER, listingId, listingVersion: 1n, quantity, amount: 5n * quantity, protocolFeeBps: 100n, fulfillmentDeadline: 1n },
    { address: ESCROW, blockNumber },
  );
}

describe("loadCatalogue", () => {
  it("builds the listings from the registry's and the escrow's events, newest first", async () => {
    const node = new FakeNode();
    node.head = 16n;
    node.logs = [created(1n, 5n), created(2n, 6n), placed(1n, 1n, 2n, 9n)];
    const catalogue = await loadCatalogue(node.client(), contracts);
    expect(catalogue.listings.map((l) => l.id)).toEqual([2n, 1n]);
    expect(catalogue.byId.get(1n)).toMatchObject({ seller: SELLER, price: 5n, stock: 1n, createdBlock: 5n, orderCount: 1, unitsSold: 2n });
    expect(catalogue.toBlock).toBe(16n);
    expect(node.calls.every((c) => c.fromBlock === 1n && c.toBlock === 16n)).toBe(true);
  });

  it("re-reads the last REORG_WINDOW blocks on each refresh, so a reorganised purchase leaves no stale stock", async () => {
    const node = new FakeNode();
    node.head = 100n;
    node.logs = [created(1n, 5n), placed(1n, 1n, 1n, 99n)];
    const first = await loadCatalogue(node.client(), contracts);
    expect(first.byId.get(1n)?.stock).toBe(2n);

    // The block with the purchase is replaced: the purchase now lands one block later with 2 units.
    node.logs = [created(1n, 5n), placed(1n, 1n, 2n, 100n)];
    node.head = 101n;
    node.calls = [];
    const second = await loadCatalogue(node.client(), contracts, first);
    expect(second.byId.get(1n)).toMatchObject({ stock: 1n, orderCount: 1, unitsSold: 2n });
    // Only the window was read again, not the whole history.
    expect(node.calls.map((c) => c.fromBlock)).toEqual([100n - REORG_WINDOW + 1n, 100n - REORG_WINDOW + 1n]);

    // And a purchase that vanished altogether gives the stock back.
    node.logs = [created(1n, 5n)];
    node.head = 102n;
    const third = await loadCatalogue(node.client(), contracts, second);
    expect(third.byId.get(1n)).toMatchObject({ stock: 3n, orderCount: 0, unitsSold: 0n });
  });

  it("keeps the catalogue as it is while the head has not moved, and starts over after a reorganisation deeper than the window", async () => {
    const node = new FakeNode();
    node.head = 200n;
    node.logs = [created(1n, 5n), created(2n, 150n)];
    const first = await loadCatalogue(node.client(), contracts);
    expect(await loadCatalogue(node.client(), contracts, first)).toBe(first);

    // The chain went back below the settled block (a reset local node): everything is read again.
    node.head = 100n;
    node.logs = [created(1n, 5n)];
    node.calls = [];
    const after = await loadCatalogue(node.client(), contracts, first);
    expect(after.listings.map((l) => l.id)).toEqual([1n]);
    expect(node.calls.every((c) => c.fromBlock === 1n)).toBe(true);
  });

  it("reads a long history through a node that limits ranges", async () => {
    const node = new FakeNode(1_000n);
    node.head = 4_500n;
    node.logs = [created(1n, 5n), created(2n, 3_000n), placed(1n, 2n, 1n, 4_400n)];
    const catalogue = await loadCatalogue(node.client(), contracts);
    expect(catalogue.byId.get(2n)?.stock).toBe(2n);
    expect(node.calls.some((c) => c.refused)).toBe(true);
  });
});
