import { useMemo, useRef } from "react";
import type { Address } from "viem";

import { useKeyed } from "../../hooks/use-keyed.ts";
import { useStatsMany, type AccountStats } from "../../hooks/use-stats.ts";
import type { SellerRating } from "./filter.ts";

const NONE: readonly Address[] = [];

function uniqueSorted(accounts: readonly Address[]): readonly Address[] {
  return [...new Set(accounts.map((a) => a.toLowerCase() as Address))].sort();
}

/**
 * Sellers' ratings as seller: always for the sellers on screen, and for every seller when the rating filter or sort
 * needs them. Results are remembered across pages, and the map keeps its identity while nothing changed, so the
 * filtering that depends on it does not rerun on every render.
 */
export function useSellerRatings(
  visible: readonly Address[],
  all: readonly Address[],
  needAll: boolean,
): ReadonlyMap<string, SellerRating> {
  const visibleKey = uniqueSorted(visible).join();
  const allKey = needAll ? uniqueSorted(all).join() : "";
  const visibleAccounts = useMemo(() => (visibleKey === "" ? NONE : (visibleKey.split(",") as Address[])), [visibleKey]);
  const allAccounts = useMemo(() => (allKey === "" ? NONE : (allKey.split(",") as Address[])), [allKey]);
  const shown = useStatsMany(visibleAccounts);
  const everyone = useStatsMany(allAccounts);

  const known = useRef(new Map<string, SellerRating>());
  const merge = (stats: Map<string, AccountStats>) => {
    for (const [account, s] of stats) known.current.set(account, { average: s.asSeller.average, ratings: s.asSeller.ratings });
  };
  merge(everyone);
  merge(shown);
  const signature = [...known.current].map(([a, r]) => `${a}:${r.average ?? "-"}:${r.ratings}`).join();
  return useKeyed<ReadonlyMap<string, SellerRating>>(new Map(known.current), signature);
}
