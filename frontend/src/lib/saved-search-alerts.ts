/** The bell's notifications for saved searches: one per new matching listing (pure, so that it is tested alone). */
import type { IndexedListing } from "./indexer.ts";
import type { AppNotification } from "./notifications.ts";
import type { SavedSearch } from "./saved-searches.ts";

export function savedSearchNotifications(searches: readonly SavedSearch[], fresh: ReadonlyMap<string, readonly IndexedListing[]>): AppNotification[] {
  return searches.flatMap((search) =>
    (fresh.get(search.id) ?? []).map((listing) => ({
      id: `saved-search:${search.id}:${listing.id}`,
      kind: "saved-search" as const,
      title: `New listing for your saved search ${search.label}`,
      body: listing.metadata.content?.title ?? `Listing #${listing.id}`,
      href: `/listing/${listing.id}`,
      at: listing.createdAt,
    })),
  );
}
