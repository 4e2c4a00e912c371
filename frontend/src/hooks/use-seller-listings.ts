import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Address } from "viem";

import { env } from "../app/env.ts";
import type { ListingState } from "../lib/catalogue.ts";
import { listingStateOf } from "../lib/indexed-listing.ts";
import { fetchSellerListings } from "../lib/seller-listings.ts";
import { useCatalogue } from "./use-catalogue.ts";
import { useIndexer } from "./use-indexer.ts";

/**
 * Every listing of a seller (open and closed, newest first), as the catalogue has them: from the indexer while it
 * answers (one request per hundred listings), otherwise from the catalogue rebuilt from the chain's events.
 * `isError` and `refetch` follow whichever source is in use.
 */
export function useSellerListings(seller: Address | undefined) {
  const indexer = useIndexer();
  const catalogue = useCatalogue(indexer === undefined);
  const indexed = useQuery({
    queryKey: ["seller-listings", env.chainId, seller],
    enabled: indexer !== undefined && seller !== undefined,
    retry: false,
    refetchInterval: 5_000,
    queryFn: async ({ signal }): Promise<ListingState[]> => (await fetchSellerListings(indexer!, seller!, signal)).map(listingStateOf),
  });
  const fromChain = useMemo(
    () => catalogue.data?.listings.filter((l) => seller !== undefined && l.seller.toLowerCase() === seller.toLowerCase()),
    [catalogue.data, seller],
  );
  if (indexer !== undefined) {
    return { data: indexed.data, isError: indexed.isError, refetch: () => void indexed.refetch() };
  }
  return { data: fromChain, isError: catalogue.isError, refetch: () => void catalogue.refetch() };
}
