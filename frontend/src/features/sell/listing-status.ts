/** Whether buyers can order a listing now, in the words a seller uses. */
export type ListingStatus = "open" | "closed" | "sold-out";

export function listingStatus(listing: { closed: boolean; stock: bigint }): ListingStatus {
  if (listing.closed) return "closed";
  return listing.stock === 0n ? "sold-out" : "open";
}

export const STATUS_LABELS: Record<ListingStatus, { label: string; tone: "success" | "neutral" | "warning" }> = {
  open: { label: "Open", tone: "success" },
  closed: { label: "Closed", tone: "neutral" },
  "sold-out": { label: "Sold out", tone: "warning" },
};
