import type { Address } from "viem";

import { indexerGet, listingsPageSchema, type IndexedListing } from "./indexer.ts";

/** Listings fetched per request, and the most requests one seller's list makes. */
const PAGE = 100;
const MAX_PAGES = 50;

/** Every listing of a seller from the indexer (open and closed, newest first), one request per hundred. */
export async function fetchSellerListings(indexer: string, seller: Address, signal?: AbortSignal): Promise<IndexedListing[]> {
  const listings: IndexedListing[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await indexerGet(indexer, `/api/listings?seller=${seller.toLowerCase()}&status=all&page=${page}&pageSize=${PAGE}`, listingsPageSchema, signal);
    listings.push(...answer.items);
    if (listings.length >= answer.total || answer.items.length === 0) break;
  }
  return listings;
}
