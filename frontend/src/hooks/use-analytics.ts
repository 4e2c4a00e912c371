import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";

import {
  fetchMarketStats,
  fetchPriceSuggestion,
  fetchRatingTrust,
  fetchSellerAnalytics,
  fetchSimilarListings,
} from "../lib/analytics.ts";
import { useIndexer } from "./use-indexer.ts";

/** How long analytics stay fresh: they change with new blocks, and nobody needs them to the second. */
const FRESH_MS = 30_000;

/**
 * The indexer's analytics while it answers. `available` is false when no indexer is configured or it is down: the
 * figures need its database (the chain-only mode cannot compute them in a browser).
 */
function useAnalytics<T>(key: readonly unknown[], enabled: boolean, fetcher: (base: string, signal: AbortSignal) => Promise<T>) {
  const base = useIndexer();
  const query = useQuery({
    queryKey: ["analytics", ...key],
    enabled: base !== undefined && enabled,
    staleTime: FRESH_MS,
    retry: false,
    queryFn: ({ signal }) => fetcher(base!, signal),
  });
  return { ...query, available: base !== undefined };
}

export const useMarketStats = () => useAnalytics(["stats"], true, (base, signal) => fetchMarketStats(base, signal));

export const useSellerAnalytics = (seller: Address) =>
  useAnalytics(["seller", seller.toLowerCase()], true, (base, signal) => fetchSellerAnalytics(base, seller, signal));

export const usePriceSuggestion = (category: string | undefined, token: Address | undefined) =>
  useAnalytics(["price", category, token?.toLowerCase()], category !== undefined && token !== undefined, (base, signal) =>
    fetchPriceSuggestion(base, category!, token!, signal),
  );

export const useSimilarListings = (listingId: bigint, limit: number) =>
  useAnalytics(["similar", listingId.toString(), limit], true, (base, signal) => fetchSimilarListings(base, listingId, limit, signal));

export const useRatingTrust = (account: Address) =>
  useAnalytics(["trust", account.toLowerCase()], true, (base, signal) => fetchRatingTrust(base, account, signal));
