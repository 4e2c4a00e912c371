import { listingMetadataSchema } from "@souk/sdk/schemas";
import type { Hex } from "viem";

import { useDocument } from "../../hooks/use-document.ts";

/** A listing's verified metadata by its digest (shared cache with the listing pages). */
export function useListingMetadata(digest: Hex | undefined) {
  return useDocument(listingMetadataSchema, digest, "listing");
}
