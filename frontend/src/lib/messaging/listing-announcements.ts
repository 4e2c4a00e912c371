/**
 * The seller's listings announced on Nostr as NIP-99 classified listings (kind 30402), signed by their messaging key
 * (@souk/sdk/messaging buildClassifiedEvent): each open listing in stock once, then again whenever what the event
 * says changes (price, description, closing or selling out: status "sold"). On by default (announcement-setting.ts).
 * What was last announced is remembered in this browser (per messaging key), so that nothing is published twice.
 */
import { buildClassifiedEvent, classifiedFingerprint, type ClassifiedListing, type MessagingSigner } from "@souk/sdk/messaging";
import type { NostrEvent } from "nostr-tools/pure";
import type { Address } from "viem";

import type { IndexedListing } from "../indexer.ts";

const SENT_KEY = (pubkey: string) => `souk.nip99-sent.${pubkey}`;

function readSent(pubkey: string): Record<string, string> {
  try {
    const value = JSON.parse(localStorage.getItem(SENT_KEY(pubkey)) ?? "{}") as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export interface AnnouncementContext {
  chainId: number;
  registry: Address;
  /** The dApp's origin, for the link to the listing. */
  origin: string;
  /** The first IPFS gateway, for picture URLs other clients can load. */
  gateway: string;
  /** Symbol and decimals of a payment token, undefined when it is not one the deployment lists. */
  token: (address: string) => { symbol: string; decimals: number } | undefined;
}

/** The announcement of an indexed listing, or undefined when its document is not valid or its token unknown. */
export function classifiedOf(item: IndexedListing, context: AnnouncementContext): ClassifiedListing | undefined {
  const content = item.metadata.status === "valid" ? item.metadata.content : undefined;
  const token = context.token(item.token);
  if (content === undefined || token === undefined) return undefined;
  return {
    chainId: context.chainId,
    registry: context.registry,
    listingId: BigInt(item.id),
    title: content.title,
    description: content.description,
    category: content.category,
    tags: content.tags ?? [],
    price: BigInt(item.price),
    decimals: token.decimals,
    symbol: token.symbol,
    images: content.images.map((image) => `${context.gateway}/ipfs/${image.cid}`),
    url: `${context.origin}/listing/${item.id}`,
    active: !item.closed && BigInt(item.stock) > 0n,
    publishedAt: item.createdAt,
  };
}

/**
 * Publishes what changed since the last announcement: open listings never announced, and any announced listing whose
 * event would now say something else. A closed or sold-out listing that was never announced is left alone. Returns
 * the events published; a relay that refuses is tried again next time (the change is not marked sent).
 */
export async function announceListings(
  items: readonly IndexedListing[],
  context: AnnouncementContext,
  signer: MessagingSigner,
  publish: (event: NostrEvent) => Promise<string[]>,
): Promise<NostrEvent[]> {
  const sent = readSent(signer.pubkey);
  const published: NostrEvent[] = [];
  for (const item of items) {
    const listing = classifiedOf(item, context);
    if (listing === undefined || (!listing.active && sent[item.id] === undefined)) continue;
    const unsigned = buildClassifiedEvent(listing);
    const fingerprint = classifiedFingerprint(unsigned);
    if (sent[item.id] === fingerprint) continue;
    const event = await signer.signEvent(unsigned);
    const accepted = await publish(event);
    if (accepted.length === 0) continue;
    sent[item.id] = fingerprint;
    localStorage.setItem(SENT_KEY(signer.pubkey), JSON.stringify(sent));
    published.push(event);
  }
  return published;
}
