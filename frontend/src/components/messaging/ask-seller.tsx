import type { Address } from "viem";
import { Link } from "react-router";

import { env } from "../../app/env.ts";
import { useMessaging } from "../../hooks/use-messaging.ts";
import { Thread } from "./thread.tsx";

/** "Ask the seller" on a listing page: a private conversation about this listing, before buying. */
export default function AskSeller({ listingId, seller }: { listingId: bigint; seller: Address }) {
  const { account } = useMessaging();
  if (account !== undefined && account.toLowerCase() === seller.toLowerCase()) {
    return (
      <section className="card p-5 text-sm">
        <h2 className="mb-1 text-lg font-semibold">Questions from buyers</h2>
        Buyers' questions about this listing arrive in your{" "}
        <Link className="font-medium text-brand underline" to="/messages">
          messages
        </Link>
        .
      </section>
    );
  }
  return (
    <Thread
      conversation={{ type: "listing", chainId: env.chainId, listingId }}
      participants={account === undefined ? [seller] : [account, seller]}
      heading="Ask the seller"
      emptyText="Ask about the item, its condition, sizes or colours. Only the seller can read it."
    />
  );
}
