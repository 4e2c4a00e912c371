import { keepPreviousData, queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";

import { env } from "../../app/env.ts";
import { indexerGet, listingsPageSchema } from "../../lib/indexer.ts";
import { indexerState } from "../../lib/indexer-status.ts";
import { PAGE_SIZE, priceBounds, readParams, tokenFromParam, type BrowseParams } from "./filter.ts";

/** The indexer's request for the browse page's parameters (the same meanings as the in-browser filters). */
export function listingsPath(params: BrowseParams, decimals: number | undefined): string {
  const search = new URLSearchParams();
  const q = params.q.trim();
  if (q !== "") search.set("q", q.slice(0, 200));
  if (params.category !== undefined) search.set("category", params.category);
  if (params.token !== undefined) {
    search.set("token", tokenFromParam(params.token));
    const bounds = priceBounds(params, decimals);
    if (bounds.min !== undefined) search.set("minPrice", bounds.min.toString());
    if (bounds.max !== undefined) search.set("maxPrice", bounds.max.toString());
  }
  if (params.minRating !== undefined) search.set("minRating", String(params.minRating));
  if (!params.soldOut) search.set("inStock", "true");
  search.set("sort", params.sort);
  search.set("page", String(params.page));
  search.set("pageSize", String(PAGE_SIZE));
  return `/api/listings?${search.toString()}`;
}

/**
 * One page of results from the indexer, with the search text it answers (`q`), as the browse page and the prefetch
 * below both ask for it (same key, so the page picks up a request already under way). A request whose answer is no
 * longer wanted (the search changed) is cancelled: the fetch gets the query's AbortSignal.
 */
export function indexedListingsQuery(indexer: string, params: BrowseParams, decimals: number | undefined) {
  const path = listingsPath(params, decimals);
  return queryOptions({
    queryKey: ["indexed-listings", env.chainId, path],
    queryFn: async ({ signal }) => ({ ...(await indexerGet(indexer, path, listingsPageSchema, signal)), q: params.q.trim() }),
    retry: false,
    staleTime: 2_000,
  });
}

/** One page of the browse page's results from the indexer (the previous page stays on screen while it loads). */
export function useIndexedListings(indexer: string | undefined, params: BrowseParams, decimals: number | undefined) {
  return useQuery({
    ...indexedListingsQuery(indexer ?? "", params, decimals),
    enabled: indexer !== undefined && (params.token === undefined || decimals !== undefined),
    placeholderData: keepPreviousData,
    refetchInterval: env.chainId === 31337 ? 3_000 : 12_000,
  });
}

/**
 * Starts the browse page's first request as soon as the app starts, alongside the download of the page's own code
 * rather than after it (the router's loader for "/"). Not with a token chosen: its price bounds need its decimals,
 * which the page reads from the chain.
 */
export function prefetchIndexedListings(client: QueryClient, search: URLSearchParams): void {
  const indexer = env.indexerUrl;
  if (indexer === undefined || indexerState() === "down") return;
  const params = readParams(search);
  if (params.token !== undefined) return;
  void client.prefetchQuery(indexedListingsQuery(indexer, params, undefined));
}
