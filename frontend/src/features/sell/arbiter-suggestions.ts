import type { Address } from "viem";

/** The arbiters other listings on Souk use, most used first, leaving out `exclude` (the seller). */
export function arbiterSuggestions(
  listings: readonly { arbiter: Address; seller: Address }[],
  exclude: Address | undefined,
  limit = 4,
): Array<{ address: Address; listings: number; sellers: number }> {
  const byArbiter = new Map<string, { address: Address; listings: number; sellers: Set<string> }>();
  for (const listing of listings) {
    const key = listing.arbiter.toLowerCase();
    if (exclude !== undefined && key === exclude.toLowerCase()) continue;
    const entry = byArbiter.get(key) ?? { address: listing.arbiter, listings: 0, sellers: new Set<string>() };
    entry.listings += 1;
    entry.sellers.add(listing.seller.toLowerCase());
    byArbiter.set(key, entry);
  }
  return [...byArbiter.values()]
    .sort((a, b) => b.sellers.size - a.sellers.size || b.listings - a.listings)
    .slice(0, limit)
    .map(({ address, listings, sellers }) => ({ address, listings, sellers: sellers.size }));
}
