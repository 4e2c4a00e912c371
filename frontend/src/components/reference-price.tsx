/**
 * "≈ $12.40" after a token amount: its value by the price feed configured for the chain and token (Chainlink's
 * AggregatorV3Interface; a demo feed on local chains, labelled "demo rate"). Never instead of the amount: payments
 * are in the token. Loaded on demand (TokenAmount imports it lazily), one feed read per token and minute, shared by
 * every amount on the page; a feed that is missing, stale or failing shows nothing.
 */
import { formatReference, priceFeedFor, referenceCents } from "@souk/sdk/price-feeds";
import { useQuery } from "@tanstack/react-query";

import { env } from "../app/env.ts";
import { readPriceFeed } from "../lib/price-feed-rpc.ts";

export default function ReferencePrice({ amount, token, decimals, symbol }: { amount: bigint; token: string; decimals: number; symbol: string }) {
  const feed = priceFeedFor(env.chainId, token);
  const { data } = useQuery({
    queryKey: ["reference-rate", env.chainId, feed?.feed],
    enabled: feed !== undefined,
    staleTime: 60_000,
    retry: false,
    queryFn: ({ signal }) => readPriceFeed(env.rpcUrl, feed!.feed, signal),
  });
  if (feed === undefined || data === undefined) return null;
  const cents = referenceCents(amount, decimals, data, data.now);
  if (cents === undefined) return null;
  const source = feed.demo ? "a demo rate of this local chain, not a market price" : `the ${feed.description} price feed`;
  return (
    <span className="ml-1.5 text-[0.85em] font-normal whitespace-nowrap text-muted" title={`Reference only, from ${source}. You pay in ${symbol}.`} data-testid="reference-price">
      {formatReference(cents, amount === 0n)}
      {feed.demo && <span className="ml-1 rounded bg-surface-muted px-1 text-[0.8em]">demo rate</span>}
    </span>
  );
}
