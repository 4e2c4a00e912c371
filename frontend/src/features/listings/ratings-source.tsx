import { useEffect } from "react";
import type { Address } from "viem";

import type { SellerRating } from "./filter.ts";
import { useSellerRatings } from "./use-seller-ratings.ts";

/**
 * Reads sellers' ratings and hands them to the browse page. Loaded lazily (React.lazy): the contract-read code behind
 * useStatsMany then arrives while the catalogue loads instead of adding to the page's initial JavaScript.
 */
export default function RatingsSource({
  visible,
  all,
  needAll,
  onChange,
}: {
  visible: readonly Address[];
  all: readonly Address[];
  needAll: boolean;
  onChange: (ratings: ReadonlyMap<string, SellerRating>) => void;
}) {
  const ratings = useSellerRatings(visible, all, needAll);
  useEffect(() => onChange(ratings), [ratings, onChange]);
  return null;
}
