import type { RoleName } from "@souk/sdk/contracts";
import { useId } from "react";

import { Skeleton } from "../../components/states.tsx";
import type { ReviewEntry } from "../../hooks/use-reviews.ts";
import type { RoleStats } from "../../hooks/use-stats.ts";
import { plural, scoreDistribution } from "./reviews.ts";
import { ScoreBars } from "./score-bars.tsx";
import { StarGlyphs } from "./star-glyphs.tsx";

const WORDS: Record<RoleName, { title: string; completed: [string, string]; none: string }> = {
  Seller: {
    title: "As a seller",
    completed: ["completed sale", "completed sales"],
    none: "Buyers rate a seller once an order ends.",
  },
  Buyer: {
    title: "As a buyer",
    completed: ["completed purchase", "completed purchases"],
    none: "Sellers rate a buyer once an order ends.",
  },
};

/**
 * Reputation in one role: average (from the contract's score sum, one decimal), number of ratings, completed orders
 * (counted by the escrow), and how the scores spread (from the ratings' events).
 */
export function RoleReputation({
  role,
  stats,
  reviews,
}: {
  role: RoleName;
  stats: RoleStats | undefined;
  /** Every rating the account received; undefined while loading. */
  reviews: readonly ReviewEntry[] | undefined;
}) {
  const headingId = useId();
  const words = WORDS[role];
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4" data-testid={`reputation-${role.toLowerCase()}`}>
      <h3 id={headingId} className="text-sm font-semibold tracking-wide text-muted uppercase">
        {words.title}
      </h3>
      {stats === undefined ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          <Skeleton className="h-9 w-24" />
          <Skeleton className="h-4 w-40" />
        </div>
      ) : stats.ratings === 0 ? (
        <div>
          <p className="text-lg font-semibold">No ratings yet</p>
          <p className="text-sm text-muted">
            {words.none} {plural(stats.completed, ...words.completed)} so far.
          </p>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-x-3 gap-y-1">
          <p className="text-4xl leading-none font-bold tabular-nums">
            {stats.average?.toFixed(1)}
            <span className="sr-only"> out of 5</span>
          </p>
          <div className="flex flex-col gap-0.5 pb-0.5">
            <StarGlyphs value={stats.average ?? 0} className="text-lg" />
            <p className="text-sm text-muted">
              {plural(stats.ratings, "rating")} · {plural(stats.completed, ...words.completed)}
            </p>
          </div>
        </div>
      )}
      {stats !== undefined && stats.ratings > 0 &&
        (reviews === undefined ? (
          <div className="flex flex-col gap-2" aria-hidden="true">
            {[0, 1, 2, 3, 4].map((i) => (
              <Skeleton key={i} className="h-3 w-full" />
            ))}
          </div>
        ) : (
          <ScoreBars buckets={scoreDistribution(reviews, role)} label={`Scores received ${words.title.toLowerCase()}`} />
        ))}
    </section>
  );
}
