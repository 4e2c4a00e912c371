/**
 * The catalogue, rebuilt in the browser from the registry's and the escrow's events (no server, no view calls):
 * creation, updates, closing and reopening, stock coming back from refunds, and purchases taking stock.
 * Loads incrementally: a refresh only asks for blocks after the last one seen.
 */
import { escrowEventsAbi, listingRegistryEventsAbi } from "@souk/sdk/contracts";
import { decodeEventLog, type AbiEvent, type Address, type Client, type Hex, type Log } from "viem";
import { getBlockNumber } from "viem/actions";

import type { Contracts } from "./deployment.ts";
import { anyOf, byChainOrder, getRawLogs } from "./logs.ts";

export interface ListingState {
  id: bigint;
  seller: Address;
  token: Address;
  price: bigint;
  stock: bigint;
  version: bigint;
  closed: boolean;
  arbiter: Address;
  arbiterFeeBps: bigint;
  fulfillmentWindow: bigint;
  confirmationWindow: bigint;
  /** sha2-256 of the current metadata document. */
  metadataDigest: Hex;
  createdBlock: bigint;
  orderCount: number;
  unitsSold: bigint;
}

export interface Catalogue {
  /** Newest first. */
  listings: ListingState[];
  byId: ReadonlyMap<bigint, ListingState>;
  /** Last block included. */
  toBlock: bigint;
}

const REGISTRY_EVENTS = listingRegistryEventsAbi.filter((item) =>
  ["ListingCreated", "ListingUpdated", "ListingClosed", "ListingReopened", "StockReturned"].includes(item.name),
) as readonly AbiEvent[];
const ORDER_PLACED = escrowEventsAbi.filter((item) => item.name === "OrderPlaced") as readonly AbiEvent[];
const ABI = [...listingRegistryEventsAbi, ...escrowEventsAbi.filter((item) => item.name === "OrderPlaced")] as const;

/** Works on wagmi's bare client: only getBlockNumber and raw eth_getLogs, decoded once here. */
export async function loadCatalogue(client: Client, contracts: Contracts, previous?: Catalogue): Promise<Catalogue> {
  const toBlock = await getBlockNumber(client, { cacheTime: 0 });
  if (previous !== undefined && previous.toBlock >= toBlock) return previous;
  const fromBlock = previous === undefined ? contracts.deployBlock : previous.toBlock + 1n;
  const [registryLogs, orderLogs] = await Promise.all([
    getRawLogs(client, { address: contracts.registry, topics: anyOf(REGISTRY_EVENTS), fromBlock, toBlock }),
    getRawLogs(client, { address: contracts.escrow, topics: anyOf(ORDER_PLACED), fromBlock, toBlock }),
  ]);
  const byId = new Map(previous?.byId ?? []);
  applyLogs(byId, [...registryLogs, ...orderLogs].sort(byChainOrder));
  const listings = [...byId.values()].sort((a, b) => (a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
  return { listings, byId, toBlock };
}

/** Applies logs in chain order to a map of listings (copying every listing it changes). */
export function applyLogs(byId: Map<bigint, ListingState>, logs: Log[]): void {
  for (const log of logs) {
    const event = decodeEventLog({ abi: ABI, data: log.data, topics: log.topics, strict: true });
    const change = (id: bigint, update: (listing: ListingState) => Partial<ListingState>) => {
      const listing = byId.get(id);
      if (listing !== undefined) byId.set(id, { ...listing, ...update(listing) });
    };
    switch (event.eventName) {
      case "ListingCreated": {
        const a = event.args;
        byId.set(a.listingId, {
          id: a.listingId,
          seller: a.seller,
          token: a.token,
          price: a.price,
          stock: a.stock,
          version: a.version,
          closed: false,
          arbiter: a.arbiter,
          arbiterFeeBps: a.arbiterFeeBps,
          fulfillmentWindow: a.fulfillmentWindow,
          confirmationWindow: a.confirmationWindow,
          metadataDigest: a.metadataDigest,
          createdBlock: log.blockNumber ?? 0n,
          orderCount: 0,
          unitsSold: 0n,
        });
        break;
      }
      case "ListingUpdated": {
        const a = event.args;
        change(a.listingId, (l) => ({
          version: a.version,
          price: a.price,
          stock: a.stock,
          metadataDigest: /^0x0+$/.test(a.metadataDigest) ? l.metadataDigest : a.metadataDigest,
        }));
        break;
      }
      case "ListingClosed":
        change(event.args.listingId, () => ({ closed: true }));
        break;
      case "ListingReopened":
        change(event.args.listingId, () => ({ closed: false }));
        break;
      case "StockReturned":
        change(event.args.listingId, (l) => ({ stock: event.args.stock, unitsSold: l.unitsSold - event.args.quantity }));
        break;
      case "OrderPlaced": {
        const a = event.args;
        change(a.listingId, (l) => ({
          stock: l.stock - a.quantity,
          orderCount: l.orderCount + 1,
          unitsSold: l.unitsSold + a.quantity,
        }));
        break;
      }
      default:
        break;
    }
  }
}
