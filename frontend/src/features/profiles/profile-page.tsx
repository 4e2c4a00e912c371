import { shortAddress } from "@souk/sdk/format";
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import type { Address } from "viem";
import { useAccount } from "wagmi";

import { Button } from "../../components/button.tsx";
import { useReviewsOf } from "../../hooks/use-reviews.ts";
import { useSellerListings } from "../../hooks/use-seller-listings.ts";
import { useStats } from "../../hooks/use-stats.ts";
import { parseAddressParam, sameAddress } from "./address-param.ts";
import { KeyBackup } from "./key-backup.tsx";
import { ProfileEditor } from "./profile-editor.tsx";
import { ProfileHeader } from "./profile-header.tsx";
import { RatingTrust } from "./rating-trust.tsx";
import { ReviewsSection } from "./reviews-section.tsx";
import { RoleReputation } from "./role-reputation.tsx";
import { openListingsOf, SellerListings } from "./seller-listings.tsx";

/** /profile/:address — anyone's reputation, reviews and open listings; the owner can answer reviews. */
export default function ProfilePage() {
  const { address: raw } = useParams();
  const parsed = parseAddressParam(raw);
  if (!parsed.ok) return <InvalidAddress given={raw ?? ""} reason={parsed.reason} />;
  // Keyed by address: drafts, pages and focus never carry over from one profile to another.
  return <Profile key={parsed.address} address={parsed.address} />;
}

function Profile({ address }: { address: Address }) {
  const account = useAccount();
  const isOwner = account.isConnected && sameAddress(account.address, address);
  const stats = useStats(address);
  const reviews = useReviewsOf(address);
  const listings = useSellerListings(address);
  const openListings = useMemo(
    () => (listings.data === undefined ? undefined : openListingsOf(listings.data, address)),
    [listings.data, address],
  );

  return (
    <div className="flex flex-col gap-8">
      <title>{`${isOwner ? "Your profile" : `Profile ${shortAddress(address)}`} · Souk`}</title>
      <ProfileHeader address={address} isOwner={isOwner} stats={stats.stats} openListings={openListings?.length} />
      <div className="grid gap-8 lg:grid-cols-[20rem_minmax(0,1fr)] lg:items-start">
        <aside aria-labelledby="reputation-heading" className="card flex flex-col gap-6 p-5 sm:p-6 lg:sticky lg:top-24">
          <div>
            <h2 id="reputation-heading" className="text-xl font-semibold tracking-tight">
              Reputation
            </h2>
            <p className="text-sm text-muted">Recorded on the chain: only real trades can be rated.</p>
          </div>
          {stats.isError && stats.stats === undefined ? (
            <div role="alert" className="flex flex-col items-start gap-2 text-sm">
              <p className="text-danger">The ratings could not be read from the chain.</p>
              <Button variant="secondary" size="sm" onClick={() => void stats.refetch()}>
                Try again
              </Button>
            </div>
          ) : (
            <>
              <RoleReputation role="Seller" stats={stats.stats?.asSeller} reviews={reviews.data} />
              <RatingTrust address={address} />
              <hr className="border-border" />
              <RoleReputation role="Buyer" stats={stats.stats?.asBuyer} reviews={reviews.data} />
            </>
          )}
        </aside>
        <div className="flex min-w-0 flex-col gap-12">
          {isOwner && (
            <>
              <ProfileEditor account={address} />
              <KeyBackup account={address} />
            </>
          )}
          <SellerListings open={openListings} catalogue={listings} isOwner={isOwner} />
          <ReviewsSection reviews={reviews} isOwner={isOwner} />
        </div>
      </div>
    </div>
  );
}

function InvalidAddress({ given, reason }: { given: string; reason: string }) {
  const shown = given.length > 80 ? `${given.slice(0, 80)}…` : given;
  return (
    <div className="mx-auto max-w-xl">
      <title>Not a valid address · Souk</title>
      <div role="alert" className="card flex flex-col items-center gap-3 px-6 py-12 text-center">
        <h1 className="text-xl font-semibold">This is not a valid address</h1>
        <p className="max-w-md text-muted">{reason}</p>
        {shown !== "" && (
          <p className="max-w-full rounded-[var(--radius-control)] bg-surface-muted px-3 py-2 font-mono text-xs wrap-anywhere">
            <span className="sr-only">You opened: </span>
            {shown}
          </p>
        )}
        <Link to="/" className="mt-2 rounded-[var(--radius-control)] bg-brand px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-strong">
          Back to the listings
        </Link>
      </div>
    </div>
  );
}
