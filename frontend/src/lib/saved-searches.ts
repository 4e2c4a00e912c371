/**
 * Searches a person saved, in this browser, to be told when a new listing matches: the browse page's URL query (to
 * show the results again), the indexer's query for the same filters, and the newest matching listing when it was
 * saved or last looked at. New matches are listings with a higher id (ids only grow).
 */
import { isDigits, isRecord, readList, writeList } from "./browser-lists.ts";

const KEY = "souk.saved-searches";
export const MAX_SAVED_SEARCHES = 20;

export interface SavedSearch {
  id: string;
  /** What the search is, in words ("“wool scarf” in Fashion"). */
  label: string;
  /** The browse page's query string, without a page. */
  browse: string;
  /** The indexer's /api/listings query string for the same filters, without sort, page or page size. */
  api: string;
  /** The newest listing id matching when saved (or last marked seen); "0" when none matched. */
  lastSeenId: string;
  savedAt: number;
}

const isSaved = (value: unknown): value is SavedSearch =>
  isRecord(value) &&
  typeof value.id === "string" &&
  typeof value.label === "string" &&
  typeof value.browse === "string" &&
  typeof value.api === "string" &&
  isDigits(value.lastSeenId) &&
  typeof value.savedAt === "number";

export function readSavedSearches(): SavedSearch[] {
  return readList(KEY, isSaved);
}

/** Saves (or replaces) the search with this browse query. */
export function saveSearch(search: Omit<SavedSearch, "id" | "savedAt">): SavedSearch {
  const saved: SavedSearch = { ...search, label: search.label.slice(0, 200), id: crypto.randomUUID(), savedAt: Date.now() };
  const rest = readSavedSearches().filter((s) => s.browse !== search.browse);
  writeList(KEY, [...rest, saved].slice(-MAX_SAVED_SEARCHES));
  return saved;
}

export function removeSavedSearch(id: string): void {
  writeList(KEY, readSavedSearches().filter((s) => s.id !== id));
}

export function markSearchSeen(id: string, newestId: string): void {
  writeList(
    KEY,
    readSavedSearches().map((s) => (s.id === id && BigInt(newestId) > BigInt(s.lastSeenId) ? { ...s, lastSeenId: newestId } : s)),
  );
}

/** The indexer's request for a saved search's newest matches. */
export function newestMatchesPath(search: Pick<SavedSearch, "api">, pageSize = 10): string {
  const params = new URLSearchParams(search.api);
  for (const key of ["sort", "page", "pageSize"]) params.delete(key);
  params.set("sort", "newest");
  params.set("pageSize", String(pageSize));
  return `/api/listings?${params.toString()}`;
}
