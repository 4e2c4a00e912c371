import { shortAddress } from "@souk/sdk/format";
import { Link } from "react-router";

import { AddressView } from "../../components/address.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { useProfile } from "../../hooks/use-profile.ts";
import type { AccountStats } from "../../hooks/use-stats.ts";
import { Avatar } from "./avatar.tsx";
import { plural } from "./reviews.ts";

/** Who this is: the generated picture, the address (copy, explorer) and, on one's own profile, a few shortcuts. */
export function ProfileHeader({
  address,
  isOwner,
  stats,
  openListings,
}: {
  address: string;
  isOwner: boolean;
  stats: AccountStats | undefined;
  openListings: number | undefined;
}) {
  const facts = headerFacts(stats, openListings);
  const view = useProfile(address).data ?? undefined;
  const named = view !== undefined && view.verified && view.profile.displayName !== "" ? view.profile : undefined;
  return (
    <header className="card flex flex-wrap items-start gap-4 p-5 sm:flex-nowrap sm:items-center sm:gap-6 sm:p-7">
      {named?.avatar !== undefined ? (
        <VerifiedImage cid={named.avatar.cid} alt="" className="size-16 shrink-0 rounded-[22%] sm:size-24" />
      ) : (
        <Avatar address={address} size="lg" />
      )}
      <div className="flex min-w-0 flex-1 basis-48 flex-col gap-1.5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {named !== undefined ? (
            <h1 className="text-2xl font-bold tracking-tight sm:text-3xl" data-testid="profile-display-name">
              {named.displayName}
            </h1>
          ) : (
            <h1 className="font-mono text-2xl font-bold tracking-tight sm:text-3xl">{shortAddress(address)}</h1>
          )}
          {isOwner && (
            <span className="rounded-full bg-brand-soft px-2.5 py-0.5 text-sm font-semibold text-brand" data-testid="this-is-you">
              This is you
            </span>
          )}
        </div>
        {named?.shopName !== undefined && <p className="font-medium">{named.shopName}</p>}
        {named?.about !== undefined && <p className="whitespace-pre-line text-muted">{named.about}</p>}
        <div className="text-muted wrap-anywhere" data-testid="full-address">
          <AddressView address={address} profile={false} label={address} />
        </div>
        {facts.length > 0 && (
          <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="At a glance">
            {facts.map((fact) => (
              <li key={fact.text} className="rounded-full bg-surface-muted px-3 py-1 whitespace-nowrap text-text">
                {fact.spoken === undefined ? (
                  fact.text
                ) : (
                  <>
                    <span aria-hidden="true">{fact.text}</span>
                    <span className="sr-only">{fact.spoken}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {isOwner && (
        <nav aria-label="Your account" className="flex w-full flex-wrap gap-2 sm:w-auto sm:flex-col sm:items-stretch">
          <Link to="/dashboard" className="rounded-[var(--radius-control)] border border-border px-4 py-2 text-center text-sm font-medium hover:bg-surface-muted">
            Seller dashboard
          </Link>
          <Link to="/orders" className="rounded-[var(--radius-control)] border border-border px-4 py-2 text-center text-sm font-medium hover:bg-surface-muted">
            My orders
          </Link>
        </nav>
      )}
    </header>
  );
}

export interface HeaderFact {
  text: string;
  /** What a screen reader says instead, when the short text leans on symbols. */
  spoken?: string;
}

/** A one-line summary: ratings per role, trades completed, listings open. Nothing until the numbers are known. */
export function headerFacts(stats: AccountStats | undefined, openListings: number | undefined): HeaderFact[] {
  if (stats === undefined) return [];
  const facts: HeaderFact[] = [];
  for (const [role, s] of [["seller", stats.asSeller], ["buyer", stats.asBuyer]] as const) {
    if (s.average === undefined) continue;
    facts.push({
      text: `★ ${s.average.toFixed(1)} as ${role} (${s.ratings.toLocaleString("en-US")})`,
      spoken: `Rated ${s.average.toFixed(1)} out of 5 as a ${role}, ${plural(s.ratings, "rating")}`,
    });
  }
  const completed = stats.asSeller.completed + stats.asBuyer.completed;
  facts.push({ text: completed === 0 ? "No completed trades yet" : plural(completed, "completed trade") });
  if (openListings !== undefined && openListings > 0) facts.push({ text: plural(openListings, "open listing") });
  return facts;
}
