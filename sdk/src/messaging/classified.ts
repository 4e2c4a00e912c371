/**
 * A Souk listing announced on Nostr as a classified listing (NIP-99, kind 30402), signed by the seller's messaging
 * key, so that other Nostr marketplace clients can find it: title, summary, price in the token, pictures, the
 * category as a hashtag, and a link to the listing in the dApp. It is addressable by its `d` tag (chain, registry,
 * listing id): a newer event with the same `d` replaces the older on relays, which is how closing or selling out
 * (`status` "sold") updates it. The on-chain listing stays the authority: the event says so and links to it.
 */
import { formatUnits, type Address } from "viem";

export const CLASSIFIED_KIND = 30402;
/** Longest description carried in the event's content (NIP-99 content is Markdown; ours is plain text). */
const MAX_CONTENT = 2_000;
const MAX_SUMMARY = 160;

export interface ClassifiedListing {
  chainId: number;
  registry: Address;
  listingId: bigint;
  title: string;
  description: string;
  category: string;
  tags: readonly string[];
  /** Unit price in the token's base units, with its decimals and symbol. */
  price: bigint;
  decimals: number;
  symbol: string;
  /** Picture URLs (a gateway's, for clients that do not read IPFS). */
  images: readonly string[];
  /** The listing's page in the dApp. */
  url: string;
  /** Open with stock: "active"; closed or sold out: "sold". */
  active: boolean;
  /** Seconds since the epoch when the listing was created on chain. */
  publishedAt: number;
}

/** The `d` tag of a listing's announcement: one per chain, registry and listing. */
export function classifiedIdentifier(chainId: number, registry: Address, listingId: bigint): string {
  return `souk:${chainId}:${registry.toLowerCase()}:${listingId}`;
}

const hashtag = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");

/** The kind-30402 event (unsigned) announcing a listing; `now` in milliseconds. */
export function buildClassifiedEvent(listing: ClassifiedListing, now = Date.now()) {
  const description = listing.description.trim();
  const summary = description.split(/\n/)[0]!.slice(0, MAX_SUMMARY);
  const hashtags = [...new Set([listing.category, ...listing.tags].map(hashtag).filter((t) => t !== ""))];
  const content = `${description.slice(0, MAX_CONTENT)}\n\nBuy it with Souk, where the on-chain listing is the authority: ${listing.url}`;
  return {
    kind: CLASSIFIED_KIND,
    created_at: Math.floor(now / 1000),
    tags: [
      ["d", classifiedIdentifier(listing.chainId, listing.registry, listing.listingId)],
      ["title", listing.title],
      ["summary", summary],
      ["published_at", String(listing.publishedAt)],
      ["price", formatUnits(listing.price, listing.decimals), listing.symbol],
      ["status", listing.active ? "active" : "sold"],
      ["r", listing.url],
      ...listing.images.map((url) => ["image", url]),
      ...hashtags.map((t) => ["t", t]),
    ],
    content,
  };
}

/**
 * What an announcement depends on, as one string: the dApp publishes again only when it changes (a new price, stock
 * running out, closing, a new description). `created_at` is left out.
 */
export function classifiedFingerprint(event: { tags: string[][]; content: string }): string {
  return JSON.stringify([event.tags, event.content]);
}
