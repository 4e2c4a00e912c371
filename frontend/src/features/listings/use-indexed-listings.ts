import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { env } from "../../app/env.ts";
import { indexerGet, listingsPageSchema } from "../../lib/indexer.ts";
import { PAGE_SIZE, priceBounds, tokenFromParam, type BrowseParams } from "./filter.ts";

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

/** One page of the browse page's results from the indexer (the previous page stays on screen while it loads). */
export function useIndexedListings(indexer: string | undefined, params: BrowseParams, decimals: number | undefined) {
  const path = listingsPath(params, decimals);
  return useQuery({
    queryKey: ["indexed-listings", env.chainId, path],
    enabled: indexer !== undefined && (params.token === undefined || decimals !== undefined),
    queryFn: ({ signal }) => indexerGet(indexer!, path, listingsPageSchema, signal),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 2_000,
    refetchInterval: env.chainId === 31337 ? 3_000 : 12_000,
  });
}
