import { useQueries } from "@tanstack/react-query";
import { Link } from "react-router";
import type { Address } from "viem";

import { Button } from "../../components/button.tsx";
import { EmptyState } from "../../components/states.tsx";
import { PricedAmount } from "../../components/priced-amount.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { useIndexer } from "../../hooks/use-indexer.ts";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useLocalState } from "../../hooks/use-local-state.ts";
import { useSavedSearchMatches } from "../../hooks/use-saved-search-matches.ts";
import { indexedListingSchema, indexerGet, type IndexedListing } from "../../lib/indexer.ts";
import { markSearchSeen, removeSavedSearch } from "../../lib/saved-searches.ts";
import { readWatchlist, unwatchListing, type WatchedListing } from "../../lib/watchlist.ts";

/** /watchlist: listings watched and searches saved in this browser (nothing of it leaves the device). */
export default function WatchlistPage() {
  useDocumentTitle("Watchlist");
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Watchlist and saved searches</h1>
        <p className="max-w-3xl text-muted">
          Kept in this browser only: nothing is sent anywhere, and another device has its own. New listings matching a
          saved search show up here and in the notification bell.
        </p>
      </header>
      <SavedSearches />
      <Watched />
    </div>
  );
}

function SavedSearches() {
  const { searches, fresh, available } = useSavedSearchMatches();
  return (
    <section aria-labelledby="saved-heading" className="flex flex-col gap-3">
      <h2 id="saved-heading" className="text-xl font-semibold">
        Saved searches <span className="text-base font-normal text-muted">({searches.length})</span>
      </h2>
      {!available && searches.length > 0 && (
        <p className="text-sm text-warning">The search service is not answering: new matches will show once it is back.</p>
      )}
      {searches.length === 0 ? (
        <EmptyState title="No saved searches">Search or filter on the browse page, then choose “Save this search” to be told about new listings.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="saved-searches">
          {[...searches].reverse().map((search) => {
            const matches = fresh.get(search.id) ?? [];
            return (
              <li key={search.id} className="card flex flex-col gap-3 p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/?${search.browse}`} className="font-semibold break-words hover:underline">
                    {search.label}
                  </Link>
                  <div className="flex gap-2">
                    {matches.length > 0 && (
                      <Button size="sm" variant="secondary" onClick={() => markSearchSeen(search.id, matches[0]!.id)}>
                        Mark as seen
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" onClick={() => removeSavedSearch(search.id)} aria-label={`Delete the saved search ${search.label}`}>
                      Delete
                    </Button>
                  </div>
                </div>
                {matches.length === 0 ? (
                  <p className="text-sm text-muted">No new listing since you saved it.</p>
                ) : (
                  <ul aria-label={`New listings for ${search.label}`} className="flex flex-col gap-1 text-sm">
                    {matches.map((listing) => (
                      <li key={listing.id} className="flex flex-wrap items-baseline justify-between gap-x-3">
                        <Link to={`/listing/${listing.id}`} className="font-medium text-brand hover:underline">
                          {listing.metadata.content?.title ?? `Listing #${listing.id}`}
                        </Link>
                        <PricedAmount amount={BigInt(listing.price)} token={listing.token} className="text-muted" />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Watched() {
  const watched = useLocalState(readWatchlist, []);
  const indexer = useIndexer();
  const current = useQueries({
    queries: watched.map((w) => ({
      queryKey: ["watched-listing", w.id],
      enabled: indexer !== undefined,
      staleTime: 10_000,
      retry: false,
      queryFn: ({ signal }: { signal: AbortSignal }) => indexerGet(indexer!, `/api/listings/${w.id}`, indexedListingSchema, signal),
    })),
  });
  return (
    <section aria-labelledby="watched-heading" className="flex flex-col gap-3">
      <h2 id="watched-heading" className="text-xl font-semibold">
        Watched listings <span className="text-base font-normal text-muted">({watched.length})</span>
      </h2>
      {watched.length === 0 ? (
        <EmptyState title="You are not watching any listing">Choose “Watch” on a listing's page to follow its price and stock here.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="watched-listings">
          {[...watched].reverse().map((w) => (
            <WatchedRow key={w.id} watched={w} now={current[watched.indexOf(w)]?.data} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WatchedRow({ watched, now }: { watched: WatchedListing; now: IndexedListing | undefined }) {
  const token = watched.token as Address;
  const then = BigInt(watched.price);
  const price = now === undefined ? undefined : BigInt(now.price);
  return (
    <li className="card flex flex-wrap items-center justify-between gap-3 p-4">
      <div className="flex min-w-0 flex-col gap-1">
        <Link to={`/listing/${watched.id}`} className="font-semibold break-words hover:underline">
          {now?.metadata.content?.title ?? watched.title}
        </Link>
        <p className="flex flex-wrap gap-x-3 text-sm text-muted">
          {price === undefined ? (
            <span>
              <TokenAmount amount={then} token={token} /> when you started watching
            </span>
          ) : (
            <>
              <PricedAmount amount={price} token={token} className="font-medium text-text" />
              {price !== then && (
                <span className={price < then ? "text-success" : "text-warning"}>
                  {price < then ? "Price dropped" : "Price went up"} from <TokenAmount amount={then} token={token} />
                </span>
              )}
              <span>{now!.closed ? "Closed by the seller" : BigInt(now!.stock) === 0n ? "Sold out" : `${now!.stock} in stock`}</span>
            </>
          )}
        </p>
      </div>
      <Button size="sm" variant="ghost" onClick={() => unwatchListing(watched.id)} aria-label={`Stop watching ${watched.title}`}>
        Stop watching
      </Button>
    </li>
  );
}
