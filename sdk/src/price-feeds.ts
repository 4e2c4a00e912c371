/**
 * Reference prices: what a token amount is worth in US dollars by a Chainlink-compatible price feed
 * (AggregatorV3Interface), configured per chain and token. Shown next to the token amount ("≈ $12.40"), never
 * instead of it: payments are always in the token. Feeds come from the deployment files (generated/price-feeds.ts:
 * demo feeds of local chains, with a fixed rate, labelled as such) and from the table below (Chainlink's own feeds).
 */
import { ETH } from "./contracts.ts";
import type { PriceFeedRecord } from "./deployment-types.ts";
import { deployedPriceFeeds } from "./generated/price-feeds.ts";

/** Chainlink's ETH / USD feeds (docs.chain.link/data-feeds/price-feeds/addresses), 8 decimals. */
const CHAINLINK_FEEDS: Record<number, readonly PriceFeedRecord[]> = {
  1: [{ token: ETH, feed: "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419", description: "ETH / USD", demo: false }],
  11155111: [{ token: ETH, feed: "0x694AA1769357215DE4FAC081bf1f309aDC325306", description: "ETH / USD", demo: false }],
};

/** A rate older than this (by the feed's `updatedAt` against the chain's time) is not shown. */
export const MAX_FEED_AGE_SECONDS = 24 * 60 * 60;

/** The feed for `token` on `chainId`: the deployment's own first, then Chainlink's; undefined when none. */
export function priceFeedFor(chainId: number, token: string): PriceFeedRecord | undefined {
  const feeds = [...(deployedPriceFeeds[chainId] ?? []), ...(CHAINLINK_FEEDS[chainId] ?? [])];
  return feeds.find((feed) => feed.token.toLowerCase() === token.toLowerCase());
}

export interface FeedAnswer {
  answer: bigint;
  decimals: number;
  updatedAt: bigint;
}

/**
 * The amount's value in US cents, rounded half up, or undefined when the feed's answer cannot be used: not
 * positive, or older than MAX_FEED_AGE_SECONDS at `now` (chain time, seconds).
 */
export function referenceCents(amount: bigint, tokenDecimals: number, feed: FeedAnswer, now: bigint): bigint | undefined {
  if (feed.answer <= 0n || feed.updatedAt + BigInt(MAX_FEED_AGE_SECONDS) < now) return undefined;
  const scale = 10n ** BigInt(tokenDecimals + feed.decimals);
  return (amount * feed.answer * 100n * 2n + scale) / (2n * scale);
}

/** "≈ $12.40", "≈ $1,234,567.00", "≈ <$0.01" (a non-zero amount worth less than a cent). */
export function formatReference(cents: bigint, amountIsZero = false): string {
  if (cents === 0n && !amountIsZero) return "≈ <$0.01";
  const dollars = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `≈ $${dollars}.${(cents % 100n).toString().padStart(2, "0")}`;
}
