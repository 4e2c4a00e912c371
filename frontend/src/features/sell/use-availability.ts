import { listingRegistryAbi } from "@souk/sdk/contracts";
import { useState } from "react";

import { useTransactor } from "../../hooks/use-transactor.ts";
import { requireContracts } from "../../lib/deployment.ts";

/** Closing and reopening listings (one at a time), through the transaction helper. */
export function useAvailability() {
  const transact = useTransactor();
  const [busy, setBusy] = useState<bigint | undefined>();
  const toggle = async (listing: { id: bigint; closed: boolean }, title: string) => {
    if (busy !== undefined) return;
    setBusy(listing.id);
    try {
      return await transact({
        address: requireContracts().registry,
        abi: listingRegistryAbi,
        functionName: listing.closed ? "reopenListing" : "closeListing",
        args: [listing.id],
        description: `${listing.closed ? "Reopen" : "Close"} “${title}”`,
      });
    } finally {
      setBusy(undefined);
    }
  };
  return { toggle, busy };
}
