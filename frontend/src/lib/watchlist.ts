/** Listings a person watches, in this browser: with the price and title when they started watching. */
import { isDigits, isRecord, readList, writeList } from "./browser-lists.ts";

const KEY = "souk.watchlist";
/** More is a sign of something else going on; the oldest go first. */
export const MAX_WATCHED = 200;

export interface WatchedListing {
  id: string;
  title: string;
  token: string;
  /** Unit price in base units when watching started. */
  price: string;
  /** Milliseconds since the epoch (this device's clock). */
  addedAt: number;
}

const isWatched = (value: unknown): value is WatchedListing =>
  isRecord(value) &&
  isDigits(value.id) &&
  typeof value.title === "string" &&
  typeof value.token === "string" &&
  /^0x[0-9a-fA-F]{40}$/.test(value.token) &&
  isDigits(value.price) &&
  typeof value.addedAt === "number";

export function readWatchlist(): WatchedListing[] {
  return readList(KEY, isWatched);
}

export function watchListing(entry: Omit<WatchedListing, "addedAt">): void {
  const rest = readWatchlist().filter((w) => w.id !== entry.id);
  writeList(KEY, [...rest, { ...entry, title: entry.title.slice(0, 200), addedAt: Date.now() }].slice(-MAX_WATCHED));
}

export function unwatchListing(id: string): void {
  writeList(KEY, readWatchlist().filter((w) => w.id !== id));
}
