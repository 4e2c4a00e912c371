import { listingMetadataSchema } from "@souk/sdk/schemas";

import { useCatalogue } from "./use-catalogue.ts";
import { useDocument } from "./use-document.ts";

/** A listing's on-chain state (from the catalogue) and its verified metadata document. */
export function useListing(listingId: bigint | undefined) {
  const catalogue = useCatalogue();
  const listing = listingId === undefined ? undefined : catalogue.data?.byId.get(listingId);
  const metadata = useDocument(listingMetadataSchema, listing?.metadataDigest, "listing");
  return { catalogue, listing, metadata };
}
