/**
 * The catalogue, rebuilt in the browser from the registry's and the escrow's events (no server, no view calls):
 * creation, updates, closing and reopening, stock coming back from refunds, and purchases taking stock.
 * Loads incrementally: a refresh starts from the state as of REORG_WINDOW blocks below the last head and re-reads
 * from there, so that a reorganisation of the last blocks (an order or an edit that vanished, or moved) cannot leave
 * a stale row behind.
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
  /** The listings as of `toBlock - REORG_WINDOW`, taken as final: the next refresh re-reads everything after it. */
  settled: { byId: ReadonlyMap<bigint, ListingState>; toBlock: bigint };
}

/** How many of the latest blocks every refresh reads again (deeper reorganisations are practically unseen). */
export const REORG_WINDOW = 32n;

const REGISTRY_EVENTS = listingRegistryEventsAbi.filter((item) =>
  ["ListingCreated", "ListingUpdated", "ListingClosed", "ListingReopened", "StockReturned"].includes(item.name),
) as readonly AbiEvent[];
const ORDER_PLACED = escrowEventsAbi.filter((item) => item.name === "OrderPlaced") as readonly AbiEvent[];
const ABI = [...listingRegistryEventsAbi, ...escrowEventsAbi.filter((item) => item.name === "OrderPlaced")] as const;

/** Works on wagmi's bare client: only getBlockNumber and raw eth_getLogs (range-splitting), decoded once here. */
export async function loadCatalogue(client: Client, contracts: Contracts, previous?: Catalogue): Promise<Catalogue> {
  const head = await getBlockNumber(client, { cacheTime: 0 });
  if (previous !== undefined && previous.toBlock === head) return previous;
  // A head at or below the settled block means a reorganisation deeper than the window (or a new chain): start over.
  const base =
    previous !== undefined && head > previous.settled.toBlock
      ? previous.settled
      : { byId: new Map<bigint, ListingState>(), toBlock: contracts.deployBlock - 1n };
  const fromBlock = base.toBlock + 1n;
  const [registryLogs, orderLogs] = await Promise.all([
    getRawLogs(client, { address: contracts.registry, topics: anyOf(REGISTRY_EVENTS), fromBlock, toBlock: head }),
    getRawLogs(client, { address: contracts.escrow, topics: anyOf(ORDER_PLACED), fromBlock, toBlock: head }),
  ]);
  const logs = [...registryLogs, ...orderLogs].sort(byChainOrder);
  const settledTo = head - REORG_WINDOW > base.toBlock ? head - REORG_WINDOW : base.toBlock;
  const settled = new Map(base.byId);
  applyLogs(settled, logs.filter((log) => (log.blockNumber ?? head) <= settledTo));
  const byId = new Map(settled);
  applyLogs(byId, logs.filter((log) => (log.blockNumber ?? head) > settledTo));
  const listings = [...byId.values()].sort((a, b) => (a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
  return { listings, byId, toBlock: head, settled: { byId: settled, toBlock: settledTo } };
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
