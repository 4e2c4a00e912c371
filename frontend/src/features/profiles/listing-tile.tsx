import { listingMetadataSchema } from "@souk/sdk/schemas";
import { Link } from "react-router";

import { Skeleton } from "../../components/states.tsx";
import { PricedAmount } from "../../components/priced-amount.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { useDocument } from "../../hooks/use-document.ts";
import type { ListingState } from "../../lib/catalogue.ts";

/** A listing as a small card: first picture, title, price and stock; metadata that fails its checks is not shown. */
export function ListingTile({ listing }: { listing: ListingState }) {
  const metadata = useDocument(listingMetadataSchema, listing.metadataDigest, "listing");
  const ready = metadata.status === "ready" ? metadata.value : undefined;
  const image = ready?.images[0];
  const title =
    ready !== undefined
      ? ready.title
      : metadata.status === "unverified"
        ? "Description could not be verified"
        : metadata.status === "loading"
          ? undefined
          : "Description unavailable";
  const soldOut = listing.stock === 0n;
  return (
    <Link
      to={`/listing/${listing.id}`}
      className="card group flex h-full flex-col overflow-hidden transition-shadow hover:shadow-lg"
      data-testid="listing-tile"
    >
      <div className="relative aspect-[4/3] overflow-hidden bg-surface-muted">
        {image !== undefined ? (
          <VerifiedImage
            cid={image.cid}
            alt={image.alt ?? ready?.title ?? ""}
            className="size-full transition-transform duration-300 group-hover:scale-[1.03]"
          />
        ) : metadata.status === "loading" ? (
          <Skeleton className="size-full rounded-none" />
        ) : (
          <div className="flex size-full flex-col items-center justify-center gap-1 text-muted" aria-hidden="true">
            <span className="text-2xl">{metadata.status === "unverified" ? "⚠" : "▢"}</span>
            <span className="text-xs">{metadata.status === "ready" ? "No photo" : "No preview"}</span>
          </div>
        )}
        {soldOut && (
          <span className="absolute top-2 left-2 rounded-full bg-surface/95 px-2 py-0.5 text-xs font-semibold text-text shadow-sm">
            Sold out
          </span>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-1 p-3">
        {title === undefined ? (
          <Skeleton className="h-4 w-3/4" />
        ) : (
          <p className={`line-clamp-2 text-sm font-medium wrap-anywhere ${ready !== undefined ? "" : "text-muted italic"}`}>{title}</p>
        )}
        <p className="mt-auto pt-1 text-sm font-semibold">
          <PricedAmount amount={listing.price} token={listing.token} />
        </p>
        <p className="text-xs text-muted">{soldOut ? "None left" : `${listing.stock.toLocaleString("en-US")} in stock`}</p>
      </div>
    </Link>
  );
}
