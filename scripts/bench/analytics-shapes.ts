/**
 * The analytics requests `npm run bench:indexer` times: the market's statistics (`/stats`) computed (a write commits
 * before each request, as when a block is indexed) and served again (nothing changed since), the dashboard's queries
 * for each benchmark seller (analytics, the sales CSV, the trust figures its profile shows), price suggestions per
 * category and token, and similar listings.
 */
import { CATEGORIES } from "@souk/sdk";

import type { Shape } from "./measure.ts";

/** `databaseChanged`: commits a write, after which the market statistics must be computed again. */
export function analyticsShapes(tokens: string[], sellers: string[], listingIds: bigint[], databaseChanged: () => Promise<void>): Shape[] {
  const categories = CATEGORIES.map(encodeURIComponent);
  return [
    { name: "market statistics, computed", paths: ["/api/stats"], before: databaseChanged },
    { name: "market statistics, unchanged", paths: ["/api/stats"] },
    { name: "seller analytics", paths: sellers.map((s) => `/api/sellers/${s}/analytics`) },
    { name: "seller sales CSV", paths: sellers.map((s) => `/api/sellers/${s}/sales.csv`) },
    { name: "seller trust", paths: sellers.map((s) => `/api/accounts/${s}/trust`) },
    { name: "seller's orders (dashboard)", paths: sellers.map((s) => `/api/orders?account=${s}&role=seller`) },
    { name: "price suggestion", paths: categories.flatMap((c, i) => [`/api/price-suggestion?category=${c}&token=${tokens[i % tokens.length]}`]) },
    { name: "similar listings", paths: listingIds.map((id) => `/api/listings/${id}/similar`) },
  ];
}
