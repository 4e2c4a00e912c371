/**
 * The query that fetches a listing's metadata document: the same key, limits and retry rule as use-document.ts, so
 * the browse page's loader and the listing page (useListing -> useDocument) share one cache entry per document.
 */
import { digestToCid } from "@souk/sdk/cid";
import { listingMetadataSchema, MAX_DOCUMENT_BYTES, parseDocument } from "@souk/sdk/schemas";
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import type { Hex } from "viem";

import { fetchVerified, IpfsError, retryIpfs } from "../../lib/ipfs.ts";
import { entryFromDocument, entryFromFailure, type MetaEntry } from "./metadata-entry.ts";

export function listingDocumentQuery(cid: string) {
  return queryOptions({
    queryKey: ["document", "listing", cid] as const,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
    retry: retryIpfs,
    queryFn: async ({ signal }) =>
      parseDocument(listingMetadataSchema, await fetchVerified(cid, { maxBytes: MAX_DOCUMENT_BYTES, signal })),
  });
}

/** Fetches (or takes from the cache) one listing document as a browse entry. Never rejects. */
export async function loadListingEntry(queryClient: QueryClient, cid: string): Promise<MetaEntry> {
  try {
    return entryFromDocument(await queryClient.fetchQuery(listingDocumentQuery(cid)));
  } catch (error) {
    return entryFromFailure(error instanceof IpfsError ? error.kind : undefined, error instanceof Error ? error.message : String(error));
  }
}

/** The cached document of `cid` as an entry, without fetching. */
export function peekListingEntry(queryClient: QueryClient, cid: string): MetaEntry | undefined {
  const cached = queryClient.getQueryData(listingDocumentQuery(cid).queryKey);
  return cached === undefined ? undefined : entryFromDocument(cached);
}

const cids = new Map<Hex, string>();

/** The CID of a listing's metadata digest (memoised: the browse page asks for a thousand of them per render). */
export function metadataCid(digest: Hex): string | undefined {
  let cid = cids.get(digest);
  if (cid === undefined) {
    try {
      cid = digestToCid(digest);
    } catch {
      return undefined;
    }
    cids.set(digest, cid);
  }
  return cid;
}
