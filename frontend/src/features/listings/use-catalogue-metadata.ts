import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useSyncExternalStore } from "react";

import { MetadataLoader } from "./metadata-loader.ts";
import { loadListingEntry, peekListingEntry } from "./metadata-query.ts";

/** One loader per query client, kept across visits: coming back to the browse page shows what was loaded at once. */
const loaders = new WeakMap<QueryClient, MetadataLoader>();

function loaderFor(queryClient: QueryClient): MetadataLoader {
  let loader = loaders.get(queryClient);
  if (loader === undefined) {
    loader = new MetadataLoader({
      load: (cid) => loadListingEntry(queryClient, cid),
      peek: (cid) => peekListingEntry(queryClient, cid),
      concurrency: 10,
      flushMs: 100,
    });
    loaders.set(queryClient, loader);
  }
  return loader;
}

/**
 * Metadata of the listings the browse page may show, fetched in the order given (`wanted.cids`: the `urgent` ones on
 * screen first).
 * Re-renders in batches as documents arrive; read entries with `documents.get(cid)` (a new `documents` each batch).
 */
export function useCatalogueMetadata(wanted: { cids: readonly string[]; urgent: number }) {
  const loader = loaderFor(useQueryClient());
  const snapshot = useSyncExternalStore(loader.subscribe, loader.getSnapshot, loader.getSnapshot);
  useEffect(() => {
    loader.request(wanted.cids, wanted.urgent);
    // Leaving the page stops the queue (documents in flight still land in the cache).
    return () => loader.request([]);
  }, [loader, wanted]);
  const documents = useMemo(() => loader.documentsAt(snapshot.version), [loader, snapshot.version]);
  return { loader, snapshot, documents };
}
