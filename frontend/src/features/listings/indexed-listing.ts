/**
 * The indexer's listings in the shapes the browse page renders: the listing's state (as the catalogue rebuilt from
 * logs would have it) and its metadata entry. The indexer's text is shown in lists only; the listing page reads the
 * chain and verifies the document itself before anyone pays.
 */
import type { Hex } from "viem";

import type { ListingState } from "../../lib/catalogue.ts";
import type { IndexedListing } from "../../lib/indexer.ts";
import { searchTextOf, type MetaEntry } from "./metadata-entry.ts";

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

export function metaEntryOf(item: IndexedListing): MetaEntry {
  const { metadata } = item;
  if (metadata.status === "valid" && metadata.content !== undefined) {
    return { status: "ready", value: metadata.content, search: searchTextOf(metadata.content) };
  }
  if (metadata.status === "invalid") return { status: "invalid", error: metadata.error ?? "The description is not valid." };
  return { status: "unreachable", error: "The description has not been fetched yet." };
}
