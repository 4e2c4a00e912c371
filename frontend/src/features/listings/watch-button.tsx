import { useLocalState } from "../../hooks/use-local-state.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { readWatchlist, unwatchListing, watchListing } from "../../lib/watchlist.ts";

/** Adds the listing to this browser's watchlist (its price now is remembered, to show changes), or removes it. */
export function WatchButton({ listing, title }: { listing: ListingState; title: string }) {
  const id = listing.id.toString();
  const watched = useLocalState(() => readWatchlist().some((w) => w.id === id), [id]);
  return (
    <button
      type="button"
      aria-pressed={watched}
      className={`inline-flex items-center gap-1.5 self-start rounded-[var(--radius-control)] border px-3 py-1.5 text-sm font-medium ${
        watched ? "border-brand bg-brand-soft text-brand" : "border-border hover:bg-surface-muted"
      }`}
      onClick={() =>
        watched ? unwatchListing(id) : watchListing({ id, title, token: listing.token, price: listing.price.toString() })
      }
    >
      <span aria-hidden="true">{watched ? "★" : "☆"}</span>
      {watched ? "Watching" : "Watch"}
    </button>
  );
}
