/**
 * Under a listing: similar listings from other sellers (titles alike by trigram similarity in the indexer's
 * PostgreSQL) and more from this seller. Both come from the indexer; without it the section is not shown.
 */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";

import { Link } from "react-router";

import { PricedAmount } from "../../components/priced-amount.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { useSimilarListings } from "../../hooks/use-analytics.ts";
import { useIndexer } from "../../hooks/use-indexer.ts";
import { indexerGet, listingsPageSchema, type IndexedListing } from "../../lib/indexer.ts";

const SHOWN = 4;

export function RelatedListings({ listingId, seller }: { listingId: bigint; seller: Address }) {
  const similar = useSimilarListings(listingId, SHOWN);
  const indexer = useIndexer();
  const fromSeller = useQuery({
    queryKey: ["seller-more", seller.toLowerCase()],
    enabled: indexer !== undefined,
    staleTime: 30_000,
    retry: false,
    queryFn: ({ signal }) => indexerGet(indexer!, `/api/listings?seller=${seller.toLowerCase()}&inStock=true&pageSize=${SHOWN + 1}`, listingsPageSchema, signal),
  });
  if (!similar.available) return null;
  const more = (fromSeller.data?.items ?? []).filter((item) => item.id !== listingId.toString()).slice(0, SHOWN);
  return (
    <>
      {similar.data !== undefined && similar.data.items.length > 0 && (
        <Row id="similar" title="Similar listings" note="From other sellers, with the most alike titles." items={similar.data.items} />
      )}
      {more.length > 0 && <Row id="more-from-seller" title="More from this seller" items={more} />}
    </>
  );
}

function Row({ id, title, note, items }: { id: string; title: string; note?: string; items: readonly IndexedListing[] }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3" data-testid={id}>
      <div className="flex flex-col gap-1">
        <h2 id={`${id}-heading`} className="text-xl font-semibold">
          {title}
        </h2>
        {note !== undefined && <p className="text-sm text-muted">{note}</p>}
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:gap-5 lg:grid-cols-4">
        {items.map((item) => (
          <li key={item.id}>
            <Tile item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A small card: photo (verified against its CID), title and price. The listing's own page verifies the rest. */
function Tile({ item }: { item: IndexedListing }) {
  const content = item.metadata.content;
  const cover = content?.images[0];
  return (
    <Link to={`/listing/${item.id}`} className="card group flex h-full flex-col overflow-hidden hover:shadow-lg">
      <div className="aspect-[4/3] overflow-hidden bg-surface-muted">
        {cover !== undefined && <VerifiedImage cid={cover.cid} alt={cover.alt ?? content!.title} className="size-full" />}
      </div>
      <div className="flex flex-col gap-1 p-3">
        <span className="line-clamp-2 font-medium break-words group-hover:underline">{content?.title ?? `Listing #${item.id}`}</span>
        <PricedAmount amount={BigInt(item.price)} token={item.token} className="text-sm font-semibold" />
      </div>
    </Link>
  );
}
