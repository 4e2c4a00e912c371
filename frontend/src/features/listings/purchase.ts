/**
 * The rules of the buy panel as pure functions: who may buy, how many, for how much, how the payment is made, what
 * changed when the seller edited the listing, and which order a purchase created.
 */
import { escrowAbi } from "@souk/sdk/contracts";
import { parseEventLogs, type Address, type Hex, type Log } from "viem";

import type { ListingState } from "../../lib/catalogue.ts";
import { formatCount } from "./count.ts";

/** The escrow's MAX_ORDER_QUANTITY (2^24 - 1). */
export const MAX_ORDER_QUANTITY = 16_777_215n;
/** Order amounts are stored in 96 bits. */
export const MAX_ORDER_AMOUNT = 2n ** 96n - 1n;
/** How long a permit signature stays valid. */
export const PERMIT_LIFETIME_SECONDS = 30n * 60n;

const ETH = "0x0000000000000000000000000000000000000000";

export type PaymentMethod = "eth" | "permit" | "approve";

/** ETH is sent with the call; EIP-2612 tokens need one signature; any other ERC-20 an approval first. */
export function paymentMethod(token: { address: string; permit: boolean }): PaymentMethod {
  if (token.address.toLowerCase() === ETH) return "eth";
  return token.permit ? "permit" : "approve";
}

export function maxQuantity(stock: bigint): bigint {
  return stock < MAX_ORDER_QUANTITY ? stock : MAX_ORDER_QUANTITY;
}

export type QuantityCheck = { ok: true; value: bigint } | { ok: false; error: string };

/** Reads the quantity field: a whole number from 1 to what the listing can sell in one order. */
export function parseQuantity(text: string, max: bigint): QuantityCheck {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "Enter how many you want." };
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: "Enter a whole number." };
  const value = BigInt(trimmed);
  if (value < 1n) return { ok: false, error: "Choose at least 1." };
  if (value > max) {
    return {
      ok: false,
      error: max === 0n ? "None left." : `At most ${formatCount(max)} ${max === 1n ? "is" : "are"} available in one order.`,
    };
  }
  return { ok: true, value };
}

/** Keeps a quantity inside 1..max (the stepper buttons and a shrinking stock use it). */
export function clampQuantity(value: bigint, max: bigint): bigint {
  if (max < 1n) return 1n;
  return value < 1n ? 1n : value > max ? max : value;
}

export function totalOf(price: bigint, quantity: bigint): bigint {
  return price * quantity;
}

export type BuyBlocker = "closed" | "sold-out" | "disconnected" | "wrong-network" | "seller" | "arbiter";

/** Why this person cannot buy this listing right now, in the order the panel explains it; undefined when they can. */
export function buyBlocker(
  listing: Pick<ListingState, "closed" | "stock" | "seller" | "arbiter">,
  account: Address | undefined,
  walletChainId: number | undefined,
  chainId: number,
): BuyBlocker | undefined {
  if (listing.closed) return "closed";
  if (listing.stock === 0n) return "sold-out";
  if (account === undefined) return "disconnected";
  if (walletChainId !== chainId) return "wrong-network";
  if (account.toLowerCase() === listing.seller.toLowerCase()) return "seller";
  if (account.toLowerCase() === listing.arbiter.toLowerCase()) return "arbiter";
  return undefined;
}

/** The terms a buyer has seen: purchases are made at this version. */
export interface SeenTerms {
  id: bigint;
  version: bigint;
  price: bigint;
  metadataDigest: Hex;
}

export function seenTerms(listing: Pick<ListingState, "id" | "version" | "price" | "metadataDigest">): SeenTerms {
  return { id: listing.id, version: listing.version, price: listing.price, metadataDigest: listing.metadataDigest };
}

export interface TermsChange {
  previousPrice: bigint;
  price: bigint;
  priceChanged: boolean;
  descriptionChanged: boolean;
}

/** What the seller changed since the buyer looked, or undefined when the version is still the one seen. */
export function termsChange(seen: SeenTerms, live: Pick<ListingState, "version" | "price" | "metadataDigest">): TermsChange | undefined {
  if (live.version === seen.version) return undefined;
  return {
    previousPrice: seen.price,
    price: live.price,
    priceChanged: live.price !== seen.price,
    descriptionChanged: live.metadataDigest.toLowerCase() !== seen.metadataDigest.toLowerCase(),
  };
}

/** The id of the order a purchase created, from the escrow's OrderPlaced event in its receipt. */
export function orderIdFromLogs(logs: readonly Log[], escrow: Address): bigint | undefined {
  const placed = parseEventLogs({ abi: escrowAbi, logs: logs as Log[], eventName: "OrderPlaced" }).find(
    (log) => log.address.toLowerCase() === escrow.toLowerCase(),
  );
  return placed?.args.orderId;
}
