import { escrowAbi } from "@souk/sdk/contracts";
import type { ListingMetadata } from "@souk/sdk/schemas";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useReadContract } from "wagmi";

import { lazyMessaging } from "../../app/load-messaging.ts";
import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import type { DocumentState } from "../../hooks/use-document.ts";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import { useListing } from "../../hooks/use-listing.ts";
import { useToken } from "../../hooks/use-token.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { contracts } from "../../lib/deployment.ts";
import { BuyPanel } from "./buy-panel.tsx";
import { Gallery } from "./gallery.tsx";
import { Icon, type IconName } from "./icons.tsx";
import { listingDocumentQuery } from "./metadata-query.ts";
import { RelatedListings } from "./related-listings.tsx";
import { SellerSummary } from "./seller-summary.tsx";
import { termsText } from "./terms.ts";
import { WatchButton } from "./watch-button.tsx";

const AskSeller = lazyMessaging("AskSeller");

const CONDITION_LABELS: Record<NonNullable<ListingMetadata["condition"]>, string> = {
  new: "New",
  "like-new": "Like new",
  good: "Good",
  fair: "Fair",
  "for-parts": "For parts or repair",
};
const DELIVERY_LABELS: Record<NonNullable<ListingMetadata["delivery"]>["method"], string> = {
  shipping: "Shipping",
  pickup: "Pick-up in person",
  digital: "Digital delivery",
  service: "Service",
};

function parseId(raw: string | undefined): bigint | undefined {
  return raw !== undefined && /^[1-9]\d{0,30}$/.test(raw) ? BigInt(raw) : undefined;
}

export default function ListingPage() {
  const id = parseId(useParams().id);
  const { catalogue, listing, metadata } = useListing(id);

  if (id === undefined) return <NotFound />;
  if (catalogue.data === undefined) {
    return catalogue.isError ? (
      <ErrorState
        title="This listing could not be loaded"
        message="Souk reads listings straight from the blockchain, and the node did not answer. Check your connection and try again."
        onRetry={() => void catalogue.refetch()}
      />
    ) : (
      <PageSkeleton />
    );
  }
  if (listing === undefined) return <Missing id={id} refetch={catalogue.refetch} />;
  return <ListingView listing={listing} metadata={metadata} />;
}

/** A listing created moments ago may not be in the catalogue yet: look once more before saying it does not exist. */
function Missing({ id, refetch }: { id: bigint; refetch: () => Promise<unknown> }) {
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    let live = true;
    void refetch().finally(() => live && setChecked(true));
    return () => {
      live = false;
    };
  }, [id, refetch]);
  return checked ? <NotFound id={id} /> : <PageSkeleton />;
}

function ListingView({ listing, metadata }: { listing: ListingState; metadata: DocumentState<ListingMetadata> }) {
  const token = useToken(listing.token);
  const ready = metadata.status === "ready" ? metadata.value : undefined;
  const title = ready?.title ?? `Listing #${listing.id}`;

  useDocumentTitle(title);

  const unavailable =
    metadata.status === "unverified"
      ? "Its description could not be verified, and nobody should pay for something they cannot see."
      : metadata.status === "invalid" || metadata.status === "too-large"
        ? "Its description cannot be displayed, and nobody should pay for something they cannot see."
        : metadata.status === "missing" || metadata.status === "unreachable"
          ? "Its description could not be loaded. Try again in a moment."
          : undefined;

  return (
    <article className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-2 text-sm text-muted">
          <li>
            <Link to="/" className="hover:text-text hover:underline">
              Browse
            </Link>
          </li>
          <li aria-hidden="true">›</li>
          {ready !== undefined ? (
            <li>
              <Link to={`/?category=${encodeURIComponent(ready.category)}`} className="hover:text-text hover:underline">
                {ready.category}
              </Link>
            </li>
          ) : (
            <li aria-current="page">Listing #{listing.id.toString()}</li>
          )}
        </ol>
      </nav>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-12">
        <div className="min-w-0">
          {metadata.status === "loading" ? (
            <Skeleton className="aspect-[4/3] w-full rounded-[var(--radius-card)]" />
          ) : metadata.status === "ready" ? (
            <Gallery images={metadata.value.images} title={metadata.value.title} />
          ) : (
            <MetadataProblem metadata={metadata} />
          )}
        </div>

        <aside aria-label="Price and purchase" className="min-w-0 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <div className="flex flex-col gap-5 lg:sticky lg:top-24">
            <header className="flex flex-col gap-3">
              {ready !== undefined && (
                <ul className="flex flex-wrap gap-2 text-xs font-medium" aria-label="At a glance">
                  <li className="rounded-full bg-brand-soft px-2.5 py-1 text-brand">{ready.category}</li>
                  {ready.condition !== undefined && (
                    <li className="rounded-full bg-surface-muted px-2.5 py-1">{CONDITION_LABELS[ready.condition]}</li>
                  )}
                  {ready.delivery !== undefined && (
                    <li className="rounded-full bg-surface-muted px-2.5 py-1">{DELIVERY_LABELS[ready.delivery.method]}</li>
                  )}
                </ul>
              )}
              {metadata.status === "loading" ? (
                <LoadingRegion label="Loading the description">
                  <Skeleton className="h-8 w-4/5" />
                </LoadingRegion>
              ) : (
                <h1 className="text-2xl leading-tight font-bold tracking-tight break-words sm:text-3xl">{title}</h1>
              )}
              <p className="flex flex-wrap items-center gap-x-2 text-sm text-muted">
                Sold by <AddressView address={listing.seller} />
              </p>
              <WatchButton listing={listing} title={title} />
            </header>
            {token === undefined ? (
              <Skeleton className="h-64 w-full rounded-[var(--radius-card)]" />
            ) : (
              <BuyPanel
                key={listing.id.toString()}
                listing={listing}
                token={token}
                title={title}
                unavailable={unavailable}
                loading={metadata.status === "loading"}
                ships={ready?.delivery?.method === "shipping"}
              />
            )}
          </div>
        </aside>

        <div className="flex min-w-0 flex-col gap-10">
          {metadata.status === "loading" && (
            <div className="flex flex-col gap-3" aria-hidden="true">
              <Skeleton className="h-5 w-full" />
              <Skeleton className="h-5 w-11/12" />
              <Skeleton className="h-5 w-3/4" />
            </div>
          )}
          {ready !== undefined && <Description metadata={ready} />}
          <Terms listing={listing} deliveryMethod={ready?.delivery?.method} />
          <SellerSummary seller={listing.seller} />
          <Suspense fallback={null}>
            <AskSeller listingId={listing.id} seller={listing.seller} />
          </Suspense>
        </div>
      </div>
      <RelatedListings listingId={listing.id} seller={listing.seller} />
    </article>
  );
}

function Description({ metadata }: { metadata: ListingMetadata }) {
  const long = metadata.description.length > 1_200;
  const [expanded, setExpanded] = useState(false);
  const delivery = metadata.delivery;
  return (
    <>
      <section aria-labelledby="description-heading" className="flex flex-col gap-3">
        <h2 id="description-heading" className="text-xl font-semibold">
          Description
        </h2>
        {metadata.description === "" ? (
          <p className="text-muted">The seller wrote no description beyond the title.</p>
        ) : (
          <>
            <p
              id="description-text"
              className={`leading-relaxed break-words whitespace-pre-line ${long && !expanded ? "line-clamp-[12]" : ""}`}
            >
              {metadata.description}
            </p>
            {long && (
              <button
                type="button"
                className="self-start text-sm font-medium text-brand hover:underline"
                aria-expanded={expanded}
                aria-controls="description-text"
                onClick={() => setExpanded((e) => !e)}
              >
                {expanded ? "Show less" : "Read the full description"}
              </button>
            )}
          </>
        )}
      </section>

      {(metadata.condition !== undefined || metadata.attributes.length > 0) && (
        <section aria-labelledby="details-heading" className="flex flex-col gap-3">
          <h2 id="details-heading" className="text-xl font-semibold">
            Details
          </h2>
          <div className="card overflow-hidden">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Details given by the seller</caption>
              <tbody className="divide-y divide-border">
                {metadata.condition !== undefined && (
                  <Row name="Condition">{CONDITION_LABELS[metadata.condition]}</Row>
                )}
                {metadata.attributes.map((attribute, i) => (
                  <Row key={`${attribute.name}-${i}`} name={attribute.name}>
                    {attribute.value}
                  </Row>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {delivery !== undefined && (
        <section aria-labelledby="delivery-heading" className="flex flex-col gap-3">
          <h2 id="delivery-heading" className="text-xl font-semibold">
            Delivery
          </h2>
          <div className="card overflow-hidden">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">How the seller delivers</caption>
              <tbody className="divide-y divide-border">
                <Row name="Method">{DELIVERY_LABELS[delivery.method]}</Row>
                {delivery.regions !== undefined && <Row name="Regions">{delivery.regions}</Row>}
                {delivery.notes !== undefined && delivery.notes !== "" && (
                  <Row name="Notes">
                    <span className="whitespace-pre-line">{delivery.notes}</span>
                  </Row>
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {metadata.tags !== undefined && metadata.tags.length > 0 && (
        <section aria-labelledby="tags-heading" className="flex flex-col gap-3">
          <h2 id="tags-heading" className="text-sm font-semibold text-muted">
            Tags
          </h2>
          <ul className="flex flex-wrap gap-2">
            {metadata.tags.map((tag, i) => (
              <li key={`${tag}-${i}`}>
                <Link
                  to={`/?q=${encodeURIComponent(tag)}`}
                  className="inline-block max-w-full truncate rounded-full border border-border bg-surface px-3 py-1 text-sm hover:bg-surface-muted"
                >
                  {tag}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <tr className="align-top">
      <th scope="row" className="w-2/5 bg-surface-muted/50 px-4 py-3 font-medium break-words text-muted">
        {name}
      </th>
      <td className="px-4 py-3 break-words">{children}</td>
    </tr>
  );
}

function Terms({ listing, deliveryMethod }: { listing: ListingState; deliveryMethod: NonNullable<ListingMetadata["delivery"]>["method"] | undefined }) {
  const protocolFee = useReadContract({ address: contracts?.escrow, abi: escrowAbi, functionName: "protocolFeeBps" });
  const rulingWindow = useReadContract({
    address: contracts?.escrow,
    abi: escrowAbi,
    functionName: "RULING_WINDOW",
    query: { staleTime: Infinity },
  });
  const text = termsText({
    fulfillmentWindow: listing.fulfillmentWindow,
    confirmationWindow: listing.confirmationWindow,
    arbiterFeeBps: listing.arbiterFeeBps,
    rulingWindow: rulingWindow.data,
    protocolFeeBps: protocolFee.data,
    deliveryMethod,
  });
  return (
    <section aria-labelledby="terms-heading" className="flex flex-col gap-3">
      <h2 id="terms-heading" className="text-xl font-semibold">
        How this purchase works
      </h2>
      <ul className="card flex flex-col divide-y divide-border">
        <Term icon="box">{text.ship}</Term>
        <Term icon="check">{text.confirm}</Term>
        <Term icon="scale">
          {text.disputeBefore} the arbiter <AddressView address={listing.arbiter} /> {text.disputeAfter}
        </Term>
        <Term icon="percent">
          {text.protocol ?? <Skeleton className="inline-block h-4 w-64 align-middle" />}
        </Term>
        <Term icon="undo">{text.cancel}</Term>
      </ul>
      <p className="text-xs text-muted">
        These terms are fixed by the listing on the blockchain when you pay, and nobody can change them for your order
        afterwards.
      </p>
    </section>
  );
}

function Term({ icon, children }: { icon: IconName; children: ReactNode }) {
  return (
    <li className="flex gap-4 px-5 py-4 text-sm leading-relaxed">
      <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-soft text-brand">
        <Icon name={icon} />
      </span>
      <span className="self-center">{children}</span>
    </li>
  );
}

function MetadataProblem({ metadata }: { metadata: Exclude<DocumentState<ListingMetadata>, { status: "ready" | "loading" }> }) {
  const queryClient = useQueryClient();
  const retry = () => {
    if ("cid" in metadata) void queryClient.resetQueries({ queryKey: listingDocumentQuery(metadata.cid).queryKey });
  };
  if (metadata.status === "unverified") {
    return (
      <div role="alert" className="card flex flex-col gap-3 border-2 border-warning/60 bg-warning-soft p-6 sm:p-8">
        <p aria-hidden="true" className="text-3xl">
          ⚠
        </p>
        <h2 className="text-xl font-semibold text-warning">This listing's description could not be verified</h2>
        <p className="text-text">
          The IPFS gateway returned content that does not match the fingerprint the seller recorded on the blockchain. To
          protect you, Souk shows none of it: no title, no photos, no description.
        </p>
        <p className="text-sm text-muted">
          The price, stock and terms below come from the blockchain itself. Another gateway may serve the real description
          later.
        </p>
        <Button variant="secondary" className="self-start" onClick={retry}>
          Check again
        </Button>
      </div>
    );
  }
  if (metadata.status === "too-large") {
    return (
      <div className="card flex flex-col gap-3 p-6 sm:p-8">
        <h2 className="text-xl font-semibold">Description too large to show</h2>
        <p className="text-muted">
          The seller's description is larger than Souk reads for a listing, so it was not downloaded. This is not a sign of
          tampering: the seller can publish a shorter one.
        </p>
        <p className="rounded-[var(--radius-control)] bg-surface-muted px-3 py-2 font-mono text-xs break-words">
          Reason: {metadata.error}
        </p>
      </div>
    );
  }
  if (metadata.status === "invalid") {
    return (
      <div className="card flex flex-col gap-3 p-6 sm:p-8">
        <h2 className="text-xl font-semibold">Description unavailable</h2>
        <p className="text-muted">
          The seller published a description that does not follow Souk's listing format, so it cannot be shown safely.
        </p>
        <p className="rounded-[var(--radius-control)] bg-surface-muted px-3 py-2 font-mono text-xs break-words">
          Reason: {metadata.error}
        </p>
      </div>
    );
  }
  if (metadata.status === "empty") {
    return (
      <div className="card p-6 sm:p-8">
        <h2 className="text-xl font-semibold">No description</h2>
        <p className="mt-2 text-muted">This listing points at no description document.</p>
      </div>
    );
  }
  return (
    <ErrorState
      title="The description could not be loaded"
      message={
        metadata.status === "missing"
          ? "No IPFS gateway has this listing's description right now. It may come back when the seller's node is online."
          : "The IPFS gateway did not answer. The price and terms below are up to date; the description should load when the gateway is back."
      }
      onRetry={retry}
    />
  );
}

function NotFound({ id }: { id?: bigint }) {
  return (
    <EmptyState
      title="Listing not found"
      action={
        <Link to="/" className="rounded-[var(--radius-control)] bg-brand px-5 py-3 font-medium text-on-brand hover:bg-brand-strong">
          Browse the listings
        </Link>
      }
    >
      {id === undefined
        ? "This address does not name a listing."
        : `There is no listing #${id} on Souk. The link may be mistyped, or it may point at another network.`}
    </EmptyState>
  );
}

function PageSkeleton() {
  return (
    <LoadingRegion label="Loading the listing">
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-12">
        <Skeleton className="aspect-[4/3] w-full rounded-[var(--radius-card)]" />
        <div className="flex flex-col gap-4">
          <Skeleton className="h-8 w-4/5" />
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-72 w-full rounded-[var(--radius-card)]" />
        </div>
      </div>
    </LoadingRegion>
  );
}
