import { shortAddress } from "@souk/sdk/format";
import { memo, useRef } from "react";
import { Link } from "react-router";

import { Skeleton } from "../../components/states.tsx";
import { Stars } from "../../components/stars.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import type { ListingState } from "../../lib/catalogue.ts";
import { formatCount } from "./count.ts";
import type { MetaEntry } from "./metadata-entry.ts";
import { TokenAmount } from "../../components/token-amount.tsx";
import { useInView } from "./use-in-view.ts";

interface CardProps {
  listing: ListingState;
  entry: MetaEntry | undefined;
  ratingAverage: number | undefined;
  ratingCount: number | undefined;
  /** Photos may load (the page holds them back until the first descriptions are in). */
  showImage: boolean;
}

/**
 * One listing in the grid. Memoised on its props (the catalogue keeps unchanged listings' objects, entries never
 * change once set, ratings are numbers), so a batch of new documents re-renders only the cards they belong to.
 */
export const ListingCard = memo(function ListingCard({ listing, entry, ratingAverage, ratingCount, showImage }: CardProps) {
  const ref = useRef<HTMLElement>(null);
  const inView = useInView(ref);
  const ready = entry?.status === "ready" ? entry.value : undefined;
  const cover = ready?.images[0];
  const soldOut = listing.stock === 0n;
  const href = `/listing/${listing.id}`;

  return (
    <article
      ref={ref}
      className="card group relative flex flex-col overflow-hidden transition-shadow hover:shadow-lg has-[a:focus-visible]:outline-3 has-[a:focus-visible]:outline-offset-2 has-[a:focus-visible]:outline-focus"
      aria-busy={entry === undefined || undefined}
    >
      <div className="relative aspect-[4/3] overflow-hidden bg-surface-muted">
        {entry === undefined ? (
          <Skeleton className="size-full rounded-none" />
        ) : ready !== undefined ? (
          cover !== undefined && inView && showImage ? (
            <VerifiedImage
              cid={cover.cid}
              alt={cover.alt ?? ready.title}
              className="size-full transition-transform duration-300 group-hover:scale-[1.03]"
            />
          ) : cover !== undefined ? (
            <div className="size-full animate-pulse bg-surface-muted" aria-hidden="true" />
          ) : (
            <Placeholder icon="◇" text="No photo" />
          )
        ) : entry.status === "unverified" ? (
          <Placeholder icon="⚠" text="Could not be verified" tone="warning" />
        ) : entry.status === "invalid" ? (
          <Placeholder icon="◇" text="Description unavailable" />
        ) : entry.status === "too-large" ? (
          <Placeholder icon="◇" text="Description too large" />
        ) : (
          <Placeholder icon="↻" text="Details unavailable right now" />
        )}
        {soldOut && (
          <span aria-hidden="true" className="absolute top-3 left-3 rounded-full bg-surface px-2.5 py-1 text-xs font-semibold shadow-sm">Sold out</span>
        )}
      </div>

      <div className="flex flex-1 flex-col gap-1 p-3 sm:gap-1.5 sm:p-4">
        {entry === undefined ? (
          <>
            <Skeleton className="h-3 w-20" />
            <Skeleton className="h-5 w-4/5" />
            <Link to={href} className="absolute inset-0 outline-none">
              <span className="sr-only">Listing {listing.id.toString()} (loading its description)</span>
            </Link>
          </>
        ) : (
          <>
            {ready !== undefined && (
              <p className="truncate text-[0.6875rem] font-medium tracking-wide text-muted uppercase sm:text-xs">{ready.category}</p>
            )}
            <h3 className="line-clamp-2 text-sm leading-snug font-semibold break-words sm:text-base">
              <Link to={href} className="outline-none after:absolute after:inset-0 after:content-['']">
                {ready !== undefined ? ready.title : <FailedTitle entry={entry} id={listing.id} />}
              </Link>
            </h3>
            {ready === undefined && <FailedNote entry={entry} />}
          </>
        )}

        <div className="mt-auto flex flex-col gap-1.5 pt-2">
          <p className="text-base font-bold tracking-tight sm:text-lg">
            <TokenAmount amount={listing.price} token={listing.token} />
          </p>
          <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs sm:text-sm">
            <span className="flex min-w-0 items-center gap-1.5 text-muted">
              {ratingCount === undefined ? (
                <Skeleton className="h-4 w-24" />
              ) : ratingAverage === undefined ? (
                <span>New seller</span>
              ) : (
                <Stars value={ratingAverage} count={ratingCount} />
              )}
              <span className="sr-only">, sold by {shortAddress(listing.seller)}</span>
            </span>
            <StockLabel stock={listing.stock} />
          </div>
        </div>
      </div>
    </article>
  );
});

function Placeholder({ icon, text, tone }: { icon: string; text: string; tone?: "warning" }) {
  return (
    <div
      className={`flex size-full flex-col items-center justify-center gap-2 p-3 text-center text-xs sm:text-sm ${tone === "warning" ? "bg-warning-soft text-warning" : "text-muted"}`}
    >
      <span aria-hidden="true" className="text-3xl leading-none">
        {icon}
      </span>
      <span>{text}</span>
    </div>
  );
}

function FailedTitle({ entry, id }: { entry: MetaEntry; id: bigint }) {
  return <>{entry.status === "unverified" ? `Listing #${id}: details could not be verified` : `Listing #${id}`}</>;
}

function FailedNote({ entry }: { entry: MetaEntry }) {
  const text =
    entry.status === "unverified"
      ? "The gateway returned a description that does not match this listing's fingerprint, so it is not shown."
      : entry.status === "invalid"
        ? "The seller's description cannot be displayed. Open the listing for the reason."
        : entry.status === "too-large"
          ? "The seller's description is larger than Souk reads, so it was not downloaded."
        : "The description could not be loaded from IPFS. It may appear later.";
  return <p className={`line-clamp-3 text-xs sm:text-sm ${entry.status === "unverified" ? "text-warning" : "text-muted"}`}>{text}</p>;
}

function StockLabel({ stock }: { stock: bigint }) {
  if (stock === 0n) return <span className="font-medium text-danger">Sold out</span>;
  if (stock <= 3n) return <span className="font-medium text-warning">Only {stock.toString()} left</span>;
  return <span className="text-muted">{formatCount(stock)} in stock</span>;
}

export function ListingCardSkeleton() {
  return (
    <div className="card flex flex-col overflow-hidden" aria-hidden="true">
      <Skeleton className="aspect-[4/3] w-full rounded-none" />
      <div className="flex flex-col gap-2 p-4">
        <Skeleton className="h-3 w-20" />
        <Skeleton className="h-5 w-4/5" />
        <Skeleton className="mt-3 h-6 w-28" />
        <Skeleton className="h-4 w-full" />
      </div>
    </div>
  );
}
