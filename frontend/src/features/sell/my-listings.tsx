import { Link } from "react-router";

import { Button } from "../../components/button.tsx";
import { PricedAmount } from "../../components/priced-amount.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import type { ListingState } from "../../lib/catalogue.ts";
import { Icon } from "./icons.tsx";
import { listingStatus, STATUS_LABELS } from "./listing-status.ts";
import { Badge } from "./section.tsx";
import type { useAvailability } from "./use-availability.ts";
import { useListingMetadata } from "./use-listing-metadata.ts";

const UNAVAILABLE = {
  empty: "This listing has no description.",
  missing: "Its description is not found on IPFS: edit the listing to publish a new one.",
  unreachable: "The IPFS gateway could not be reached: the description will show when it is back.",
  invalid: "Its description is not valid: edit the listing to publish a new one.",
  "too-large": "Its description is larger than Souk reads: edit the listing to publish a shorter one.",
  unverified: "The gateway returned a description that does not match this listing, so it is hidden.",
} as const;

/** One of the seller's listings with its numbers and quick actions. */
export function MyListingRow({ listing, availability }: { listing: ListingState; availability: ReturnType<typeof useAvailability> }) {
  const metadata = useListingMetadata(listing.metadataDigest);
  const ready = metadata.status === "ready" ? metadata.value : undefined;
  const title = ready?.title ?? `Listing #${listing.id}`;
  const cover = ready?.images[0];
  const status = STATUS_LABELS[listingStatus(listing)];
  return (
    <li className="card flex flex-col gap-4 p-4 sm:flex-row sm:items-center">
      <div className="flex min-w-0 flex-1 items-start gap-4">
        <Link to={`/listing/${listing.id}`} className="size-20 shrink-0 overflow-hidden rounded-[var(--radius-control)] bg-surface-muted" tabIndex={-1} aria-hidden="true">
          {cover !== undefined ? (
            <VerifiedImage cid={cover.cid} alt="" className="size-full" />
          ) : (
            <span className="flex size-full items-center justify-center text-muted">
              <Icon name={metadata.status === "loading" ? "photo" : "box"} className="size-7" />
            </span>
          )}
        </Link>
        <div className="flex min-w-0 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            <span className="text-xs text-muted">
              #{listing.id.toString()} · version {listing.version.toString()}
            </span>
          </div>
          <Link to={`/listing/${listing.id}`} className="line-clamp-2 font-semibold break-words hover:text-brand hover:underline">
            {metadata.status === "loading" ? <span className="text-muted">Loading description…</span> : title}
          </Link>
          {metadata.status !== "ready" && metadata.status !== "loading" && (
            <span className="text-xs text-warning">{UNAVAILABLE[metadata.status]}</span>
          )}
          <p className="text-sm">
            <PricedAmount amount={listing.price} token={listing.token} className="font-semibold" />
            <span className="text-muted"> per unit</span>
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-3 gap-4 text-sm sm:w-64 sm:shrink-0">
        <div className="flex flex-col">
          <dt className="text-xs text-muted">In stock</dt>
          <dd className="font-semibold tabular-nums">{listing.stock.toString()}</dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-xs text-muted">Orders</dt>
          <dd className="font-semibold tabular-nums">{listing.orderCount}</dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-xs text-muted">Units sold</dt>
          <dd className="font-semibold tabular-nums">{listing.unitsSold.toString()}</dd>
        </div>
      </dl>
      <div className="flex flex-wrap gap-2 sm:w-44 sm:shrink-0 sm:flex-col sm:items-stretch">
        <Link
          to={`/listing/${listing.id}/edit`}
          className="inline-flex flex-1 items-center justify-center rounded-[var(--radius-control)] bg-brand px-3 py-1.5 text-sm font-medium text-on-brand hover:bg-brand-strong"
          aria-label={`Edit ${title}`}
        >
          Edit
        </Link>
        <Button
          variant="secondary"
          size="sm"
          className="flex-1"
          busy={availability.busy === listing.id}
          disabled={availability.busy !== undefined && availability.busy !== listing.id}
          onClick={() => void availability.toggle(listing, title)}
          aria-label={`${listing.closed ? "Reopen" : "Close"} ${title}`}
        >
          {listing.closed ? "Reopen" : "Close"}
        </Button>
        <Link
          to={`/listing/${listing.id}`}
          className="inline-flex flex-1 items-center justify-center rounded-[var(--radius-control)] px-3 py-1.5 text-sm font-medium text-brand hover:bg-surface-muted"
          aria-label={`View ${title}`}
        >
          View
        </Link>
      </div>
    </li>
  );
}
