import type { IndexedListing } from "../../lib/indexer.ts";
import { searchTextOf, type MetaEntry } from "./metadata-entry.ts";

/**
 * The metadata entry of a listing from the indexer: its parsed document (checked against the SDK's schema when
 * the answer was read) for display in lists, or why there is none. The listing page fetches and verifies the
 * document itself.
 */
export function metaEntryOf(item: IndexedListing): MetaEntry {
  const { metadata } = item;
  if (metadata.status === "valid" && metadata.content !== undefined) {
    return { status: "ready", value: metadata.content, search: searchTextOf(metadata.content) };
  }
  if (metadata.status === "invalid") return { status: "invalid", error: metadata.error ?? "The description is not valid." };
  return { status: "unreachable", error: "The description has not been fetched yet." };
}
