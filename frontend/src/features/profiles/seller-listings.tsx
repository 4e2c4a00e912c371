import { useId } from "react";
import { Link, useSearchParams } from "react-router";

import { ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import type { ListingState } from "../../lib/catalogue.ts";
import { sameAddress } from "./address-param.ts";
import { ListingTile } from "./listing-tile.tsx";

/** Listings shown before "See all". */
export const LISTINGS_PREVIEW = 8;

/** The seller's open listings (not closed), those in stock first, newest first within each group. */
export function openListingsOf(listings: readonly ListingState[], seller: string): ListingState[] {
  const open = listings.filter((l) => !l.closed && sameAddress(l.seller, seller));
  const byNewest = (a: ListingState, b: ListingState) => (a.id === b.id ? 0 : a.id > b.id ? -1 : 1);
  return [...open.filter((l) => l.stock > 0n).sort(byNewest), ...open.filter((l) => l.stock === 0n).sort(byNewest)];
}

/** The account's open listings as a seller: a first few, and all of them on request (kept in the URL). */
export function SellerListings({
  open,
  catalogue,
  isOwner,
}: {
  /** From openListingsOf; undefined while the catalogue loads. */
  open: ListingState[] | undefined;
  catalogue: { isError: boolean; refetch: () => void };
  isOwner: boolean;
}) {
  const headingId = useId();
  const [params] = useSearchParams();
  const showAll = params.get("listings") === "all";
  const shown = open === undefined ? undefined : showAll ? open : open.slice(0, LISTINGS_PREVIEW);

  const toggle = new URLSearchParams(params);
  if (showAll) toggle.delete("listings");
  else toggle.set("listings", "all");
  const toggleHref = { search: toggle.toString() === "" ? "" : `?${toggle.toString()}`, hash: "listings" };

  return (
    <section aria-labelledby={headingId} className="flex scroll-mt-24 flex-col gap-5" id="listings">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-xl font-semibold tracking-tight">
            {isOwner ? "Your open listings" : "Open listings"}
          </h2>
          <p className="text-sm text-muted">
            {open === undefined
              ? "Listings open for purchase."
              : open.length === 0
                ? "Nothing for sale at the moment."
                : `${open.length} ${open.length === 1 ? "listing" : "listings"} open for purchase.`}
          </p>
        </div>
        {open !== undefined && open.length > LISTINGS_PREVIEW && (
          <Link to={toggleHref} preventScrollReset className="text-sm font-medium text-brand hover:underline">
            {showAll ? "Show fewer" : `See all ${open.length} listings →`}
          </Link>
        )}
      </div>

      {catalogue.isError && shown === undefined ? (
        <ErrorState
          title="Listings could not be loaded"
          message="The blockchain node did not answer. Check your connection; Souk tries again automatically."
          onRetry={catalogue.refetch}
        />
      ) : shown === undefined ? (
        <LoadingRegion label="Loading listings">
          <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-4">
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="card overflow-hidden">
                <Skeleton className="aspect-[4/3] w-full rounded-none" />
                <div className="flex flex-col gap-2 p-3">
                  <Skeleton className="h-4 w-3/4" />
                  <Skeleton className="h-4 w-1/3" />
                </div>
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : shown.length === 0 ? (
        <div className="card flex flex-col items-center gap-2 px-6 py-10 text-center">
          <h3 className="text-base font-semibold">No open listings</h3>
          <p className="max-w-sm text-sm text-muted">
            {isOwner
              ? "List something to sell: buyers pay into the escrow and you are paid when they confirm."
              : "This account is not selling anything right now."}
          </p>
          {isOwner && (
            <Link to="/sell" className="mt-2 rounded-[var(--radius-control)] bg-brand px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-strong">
              Create a listing
            </Link>
          )}
        </div>
      ) : (
        <>
          <ul className="grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-3 xl:grid-cols-4">
            {shown.map((listing) => (
              <li key={listing.id.toString()}>
                <ListingTile listing={listing} />
              </li>
            ))}
          </ul>
          {open !== undefined && open.length > LISTINGS_PREVIEW && (
            <div className="flex justify-center">
              <Link
                to={toggleHref}
                preventScrollReset
                className="rounded-[var(--radius-control)] border border-border bg-surface px-4 py-2 text-sm font-medium hover:bg-surface-muted"
              >
                {showAll ? "Show fewer listings" : `See all ${open.length} listings`}
              </Link>
            </div>
          )}
        </>
      )}
    </section>
  );
}
