import { useQueries } from "@tanstack/react-query";
import { useCallback } from "react";

import { env } from "../app/env.ts";
import { indexerGet, listingsPageSchema, type IndexedListing } from "../lib/indexer.ts";
import { newestMatchesPath, readSavedSearches, type SavedSearch } from "../lib/saved-searches.ts";
import { useIndexer } from "./use-indexer.ts";
import { useLocalState } from "./use-local-state.ts";

/** How often saved searches are asked again: every few seconds on a local chain, every minute elsewhere. */
const POLL_MS = env.chainId === 31337 ? 3_000 : 60_000;

export interface SavedSearchMatches {
  searches: SavedSearch[];
  /** Per saved search id, the matching listings newer than it has seen, newest first (at most 10). */
  fresh: Map<string, IndexedListing[]>;
  /** False when the indexer is not answering: new matches cannot be looked for. */
  available: boolean;
}

/** The saved searches of this browser and the new listings each one matches, from the indexer. */
export function useSavedSearchMatches(): SavedSearchMatches {
  const searches = useLocalState(readSavedSearches, []);
  const indexer = useIndexer();
  // Stable while the searches are: the combined map changes only when an answer does.
  const combine = useCallback(
    (results: Array<{ data?: { items: IndexedListing[] } }>) => {
      const map = new Map<string, IndexedListing[]>();
      searches.forEach((search, i) => {
        const items = results[i]?.data?.items ?? [];
        map.set(search.id, items.filter((item) => BigInt(item.id) > BigInt(search.lastSeenId)));
      });
      return map;
    },
    [searches],
  );
  const fresh = useQueries({
    queries: searches.map((search) => ({
      queryKey: ["saved-search", newestMatchesPath(search)],
      enabled: indexer !== undefined,
      refetchInterval: POLL_MS,
      retry: false,
      queryFn: ({ signal }: { signal: AbortSignal }) => indexerGet(indexer!, newestMatchesPath(search), listingsPageSchema, signal),
    })),
    combine,
  });
  return { searches, fresh, available: indexer !== undefined };
}
