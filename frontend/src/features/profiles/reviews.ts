import type { RoleName } from "@souk/sdk/contracts";

import type { ReviewEntry } from "../../hooks/use-reviews.ts";

export type RoleFilter = "all" | "seller" | "buyer";

export const ROLE_FILTERS: readonly RoleFilter[] = ["all", "seller", "buyer"];

/** Reviews shown at first, and added by each "Show more". */
export const REVIEWS_PAGE_SIZE = 10;

export function parseRoleFilter(value: string | null): RoleFilter {
  return value === "seller" || value === "buyer" ? value : "all";
}

const ROLE_OF: Record<Exclude<RoleFilter, "all">, RoleName> = { seller: "Seller", buyer: "Buyer" };

/** The reviews received in one role (or all), keeping their order. */
export function filterReviews<T extends Pick<ReviewEntry, "role">>(reviews: readonly T[], filter: RoleFilter): T[] {
  return filter === "all" ? [...reviews] : reviews.filter((r) => r.role === ROLE_OF[filter]);
}

export function countByRole(reviews: readonly Pick<ReviewEntry, "role">[]): Record<RoleFilter, number> {
  const seller = reviews.filter((r) => r.role === "Seller").length;
  return { all: reviews.length, seller, buyer: reviews.length - seller };
}

/**
 * Newest first by block. The sort is stable, so ratings from the same block keep the order they came in (the hook
 * already lists them newest first, by log position).
 */
export function newestFirst<T extends Pick<ReviewEntry, "blockNumber">>(reviews: readonly T[]): T[] {
  return [...reviews].sort((a, b) => (a.blockNumber === b.blockNumber ? 0 : a.blockNumber > b.blockNumber ? -1 : 1));
}

export interface ScoreBucket {
  score: 1 | 2 | 3 | 4 | 5;
  count: number;
  /** 0..100, rounded; 0 without ratings. */
  percent: number;
}

/** How many ratings of each score an account received in one role, five stars first. */
export function scoreDistribution(reviews: readonly Pick<ReviewEntry, "role" | "score">[], role: RoleName): ScoreBucket[] {
  const inRole = reviews.filter((r) => r.role === role);
  return ([5, 4, 3, 2, 1] as const).map((score) => {
    const count = inRole.filter((r) => r.score === score).length;
    return { score, count, percent: inRole.length === 0 ? 0 : Math.round((count / inRole.length) * 100) };
  });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
