import { formatBps, formatDuration } from "@souk/sdk/format";

import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { useToken } from "../../hooks/use-token.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { Icon } from "./icons.tsx";
import { listingStatus } from "./listing-status.ts";
import { Section } from "./section.tsx";
import { useAvailability } from "./use-availability.ts";

/** Close or reopen, with what each means for buyers and for orders already placed. */
export function AvailabilityCard({ listing, title }: { listing: ListingState; title: string }) {
  const availability = useAvailability();
  const status = listingStatus(listing);
  return (
    <div className="card flex flex-col gap-3 p-5" data-action-panel>
      <h2 className="font-semibold">Availability</h2>
      <p className="text-sm text-muted">
        {status === "closed"
          ? "This listing is closed: buyers can see it but cannot order. Reopen it to sell again."
          : status === "sold-out"
            ? "This listing is open but sold out: raise the quantity to sell again, or close it."
            : "This listing is open: buyers can order it now."}
      </p>
      <Button variant={listing.closed ? "primary" : "secondary"} busy={availability.busy === listing.id} onClick={() => void availability.toggle(listing, title)}>
        {listing.closed ? "Reopen listing" : "Close listing"}
      </Button>
      <p className="text-xs text-muted">
        Closing only stops new orders. Orders already placed are not affected: you still fulfil them and are paid as usual. You can
        reopen at any time.
      </p>
    </div>
  );
}

/** The terms fixed at creation, so that every order knows them in advance. */
export function FixedTerms({ listing }: { listing: ListingState }) {
  const token = useToken(listing.token);
  return (
    <Section
      title="Fixed terms"
      description="These were set when the listing was created and never change, so every buyer knows them. To change them, close this listing and create a new one."
      aside={
        <span className="flex size-10 items-center justify-center rounded-full bg-brand-soft text-brand">
          <Icon name="shield" />
        </span>
      }
    >
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <dt className="text-muted">Payment currency</dt>
          <dd className="font-medium">
            {token === undefined ? "…" : `${token.name} (${token.symbol})`}
            {token !== undefined && !token.known && <span className="ml-2 rounded bg-warning-soft px-1 text-xs text-warning">unknown token</span>}
          </dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-muted">Arbiter</dt>
          <dd>
            <AddressView address={listing.arbiter} />
          </dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-muted">Time to ship</dt>
          <dd className="font-medium">{formatDuration(listing.fulfillmentWindow)}</dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-muted">Time to check</dt>
          <dd className="font-medium">{formatDuration(listing.confirmationWindow)}</dd>
        </div>
        <div className="flex flex-col gap-1">
          <dt className="text-muted">Arbiter fee</dt>
          <dd className="font-medium">{formatBps(listing.arbiterFeeBps)}, only if they rule</dd>
        </div>
      </dl>
    </Section>
  );
}
