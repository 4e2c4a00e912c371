import type { ImageRef } from "@souk/sdk/schemas";

import { VerifiedImage } from "./verified-image.tsx";
import { useListing } from "../hooks/use-listing.ts";

export interface OrderItem {
  /** The listing's title from its verified metadata, or a neutral fallback while it loads or when it cannot be read. */
  title: string;
  image: ImageRef | undefined;
  loading: boolean;
}

/** What an order bought, from its listing's verified metadata. */
export function useOrderItem(listingId: bigint): OrderItem {
  const { metadata, catalogue } = useListing(listingId);
  if (metadata.status === "ready") return { title: metadata.value.title, image: metadata.value.images[0], loading: false };
  const loading = metadata.status === "loading" || catalogue.isPending;
  return { title: `Listing #${listingId}`, image: undefined, loading };
}

/** The item's first picture (verified), or a quiet placeholder when the listing has none. */
export function ItemThumb({ item, className = "" }: { item: OrderItem; className?: string }) {
  if (item.image !== undefined) {
    return <VerifiedImage cid={item.image.cid} alt="" className={`shrink-0 rounded-[var(--radius-control)] ${className}`} />;
  }
  return (
    <div
      aria-hidden="true"
      className={`flex shrink-0 items-center justify-center rounded-[var(--radius-control)] bg-surface-muted text-2xl text-muted ${item.loading ? "animate-pulse" : ""} ${className}`}
    >
      {item.loading ? "" : "▣"}
    </div>
  );
}
