/**
 * A listing from the indexer as the catalogue rebuilt from logs would have it. Lists show it; the listing page and
 * the buy panel read the chain before anyone pays.
 */
import type { Hex } from "viem";

import type { ListingState } from "./catalogue.ts";
import type { IndexedListing } from "./indexer.ts";

export function listingStateOf(item: IndexedListing): ListingState {
  return {
    id: BigInt(item.id),
    seller: item.seller,
    token: item.token,
    price: BigInt(item.price),
    stock: BigInt(item.stock),
    version: BigInt(item.version),
    closed: item.closed,
    arbiter: item.arbiter,
    arbiterFeeBps: BigInt(item.arbiterFeeBps),
    fulfillmentWindow: BigInt(item.fulfillmentWindow),
    confirmationWindow: BigInt(item.confirmationWindow),
    metadataDigest: item.metadata.digest as Hex,
    createdBlock: BigInt(item.createdBlock),
    orderCount: item.orderCount,
    unitsSold: BigInt(item.unitsSold),
  };
}
