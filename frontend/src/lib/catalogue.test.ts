import { listingRegistryAbi } from "@souk/sdk/contracts";
import { getAbiItem, toEventSelector, type Address, type Client, type Hex } from "viem";
import { describe, expect, it, vi } from "vitest";

import { loadCatalogue } from "./catalogue.ts";
import type { Contracts } from "./deployment.ts";
import { eventLog, rpcLog } from "../test/event-log.ts";

const REGISTRY = "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be";
const SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A raw ListingCreated log as a node returns it (hex quantities, undecoded data). */
function rawListingCreated(listingId: bigint, block: number) {
  return rpcLog(
    eventLog(
      listingRegistryAbi,
      "ListingCreated",
      {
        listingId,
        seller: SELLER,
        token: "0x0000000000000000000000000000000000000000",
        price: 5n,
        stock: 3n,
        arbiter: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
        arbiterFeeBps: 200n,
        fulfillmentWindow: 259_200n,
        confirmationWindow: 604_800n,
        metadataDigest: `0x${"ab".repeat(32)}`,
        version: 1n,
      },
      { address: REGISTRY.toLowerCase() as Address, blockNumber: BigInt(block) },
    ),
  );
}

describe("loadCatalogue", () => {
  it("asks the node for the catalogue's events by selector, and feeds the shared loader raw logs", async () => {
    const request = vi.fn(async ({ method, params }: { method: string; params: Array<{ topics?: Hex[][]; address?: string }> }) => {
      if (method === "eth_blockNumber") return "0x10";
      if (params[0]!.address === REGISTRY) return [rawListingCreated(1n, 5), rawListingCreated(2n, 6)];
      return [];
    });
    const client = { request, cacheTime: 0, chain: undefined } as unknown as Client;
    const contracts = { registry: REGISTRY, escrow: "0x5FbDB2315678afecb367f032d93F642f64180aa3", deployBlock: 1n } as unknown as Contracts;

    const catalogue = await loadCatalogue(client, contracts);

    expect(catalogue.listings.map((l) => l.id)).toEqual([2n, 1n]);
    expect(catalogue.byId.get(1n)).toMatchObject({ seller: SELLER, price: 5n, stock: 3n, createdBlock: 5n, version: 1n });
    expect(catalogue.toBlock).toBe(16n);
    const registryCall = request.mock.calls.find(([r]) => r.method === "eth_getLogs" && r.params[0]!.address === REGISTRY)![0];
    expect(registryCall.params[0]!.topics![0]).toContain(toEventSelector(getAbiItem({ abi: listingRegistryAbi, name: "ListingCreated" })));
    expect(registryCall.params[0]).toMatchObject({ fromBlock: "0x1", toBlock: "0x10" });
  });
});
