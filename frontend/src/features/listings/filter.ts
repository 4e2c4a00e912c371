/**
 * Search, filters, sorting and pages of the browse page, as pure functions of the catalogue, the metadata that has
 * arrived and the URL's parameters. Everything runs in memory on every change, so it has to stay cheap: search
 * compares against text normalised once per document (metadata-entry.ts), never against the documents themselves.
 */
import { parseAmount } from "@souk/sdk/format";
import { CATEGORIES, type Category } from "@souk/sdk/schemas";

import type { ListingState } from "../../lib/catalogue.ts";
import { normalise, type MetaEntry } from "./metadata-entry.ts";

export const PAGE_SIZE = 24;
/** "relevance" ranks search results (with the indexer); without it, or without search text, it is "newest". */
export const SORTS = ["newest", "relevance", "price-asc", "price-desc", "rating"] as const;
export type SortKey = (typeof SORTS)[number];
export const MIN_RATINGS = [4, 3, 2, 1] as const;

const ETH_PARAM = "eth";
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export interface BrowseParams {
  /** Search text as typed. */
  q: string;
  category: Category | undefined;
  /** Payment token: "eth" or a lower-case token address. */
  token: string | undefined;
  /** Price bounds as typed, in the selected token's units. */
  min: string;
  max: string;
  /** Minimum average rating of the seller, 1..5. */
  minRating: number | undefined;
  /** Include listings with no stock left. */
  soldOut: boolean;
  sort: SortKey;
  /** 1-based. */
  page: number;
}

export const DEFAULT_PARAMS: BrowseParams = {
  q: "",
  category: undefined,
  token: undefined,
  min: "",
  max: "",
  minRating: undefined,
  soldOut: false,
  sort: "newest",
  page: 1,
};

/** Reads the parameters from a URL, ignoring anything malformed (a hand-edited or outdated link still works). */
export function readParams(search: URLSearchParams): BrowseParams {
  const category = search.get("category");
  const token = search.get("token")?.toLowerCase();
  const rating = Number(search.get("rating"));
  const sort = search.get("sort");
  const page = Number(search.get("page"));
  return {
    q: (search.get("q") ?? "").slice(0, 200),
    category: CATEGORIES.includes(category as Category) ? (category as Category) : undefined,
    token: token === ETH_PARAM || (token !== undefined && /^0x[0-9a-f]{40}$/.test(token)) ? token : undefined,
    min: cleanAmount(search.get("min")),
    max: cleanAmount(search.get("max")),
    minRating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : undefined,
    soldOut: search.get("soldout") === "1",
    sort: SORTS.includes(sort as SortKey) ? (sort as SortKey) : "newest",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function cleanAmount(value: string | null): string {
  return value !== null && /^[\d.,]{1,40}$/.test(value) ? value : "";
}

/** The URL form of the parameters: defaults are left out, so a plain browse page has a plain URL. */
export function writeParams(params: BrowseParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q.trim() !== "") search.set("q", params.q);
  if (params.category !== undefined) search.set("category", params.category);
  if (params.token !== undefined) search.set("token", params.token);
  if (params.token !== undefined && params.min.trim() !== "") search.set("min", params.min.trim());
  if (params.token !== undefined && params.max.trim() !== "") search.set("max", params.max.trim());
  if (params.minRating !== undefined) search.set("rating", String(params.minRating));
  if (params.soldOut) search.set("soldout", "1");
  if (params.sort !== "newest") search.set("sort", params.sort);
  if (params.page > 1) search.set("page", String(params.page));
  return search;
}

/** The URL value of a payment token. */
export function tokenParam(token: string): string {
  return token.toLowerCase() === ZERO_ADDRESS ? ETH_PARAM : token.toLowerCase();
}

/** The token address a URL value names. */
export function tokenFromParam(param: string): `0x${string}` {
  return (param === ETH_PARAM ? ZERO_ADDRESS : param) as `0x${string}`;
}

/** How many filters narrow the results (the search text is counted apart). */
export function activeFilterCount(params: BrowseParams): number {
  return (
    (params.category !== undefined ? 1 : 0) +
    (params.token !== undefined ? 1 : 0) +
    (params.token !== undefined && (params.min.trim() !== "" || params.max.trim() !== "") ? 1 : 0) +
    (params.minRating !== undefined ? 1 : 0) +
    (params.soldOut ? 1 : 0)
  );
}

export function queryTerms(q: string): string[] {
  const text = normalise(q);
  return text === "" ? [] : text.split(" ");
}

export interface SellerRating {
  average: number | undefined;
  ratings: number;
}

export interface FilterContext {
  /** The metadata entry of a listing, when it has arrived. */
  meta(listing: ListingState): MetaEntry | undefined;
  /** The seller's rating as seller, when known. */
  rating(seller: string): SellerRating | undefined;
  /** Decimals of the selected token (price bounds are parsed with them), when known. */
  decimals: number | undefined;
  /** Order of currencies when sorting by price across several (lower first). */
  tokenRank(token: string): number;
}

export interface PriceBounds {
  min: bigint | undefined;
  max: bigint | undefined;
  /** Which typed bound is not an amount in the selected token (it is ignored). */
  invalid: Array<"min" | "max">;
}

export interface FilterResult {
  /** Matching listings in the chosen order. */
  items: ListingState[];
  /** Listings that cannot be judged yet (their metadata or their seller's rating has not arrived). */
  pending: number;
  price: PriceBounds;
}

/** Listings a buyer can see at all: open, and with stock unless sold-out ones are included. */
export function isBrowsable(listing: ListingState, includeSoldOut: boolean): boolean {
  return !listing.closed && (includeSoldOut || listing.stock > 0n);
}

export function priceBounds(params: Pick<BrowseParams, "token" | "min" | "max">, decimals: number | undefined): PriceBounds {
  const bounds: PriceBounds = { min: undefined, max: undefined, invalid: [] };
  if (params.token === undefined || decimals === undefined) return bounds;
  for (const key of ["min", "max"] as const) {
    const typed = params[key].trim();
    if (typed === "") continue;
    const value = parseAmount(typed, decimals);
    if (value === undefined) bounds.invalid.push(key);
    else bounds[key] = value;
  }
  return bounds;
}

export function applyFilters(listings: readonly ListingState[], params: BrowseParams, context: FilterContext): FilterResult {
  const terms = queryTerms(params.q);
  const needsMetadata = terms.length > 0 || params.category !== undefined;
  const token = params.token === undefined ? undefined : tokenFromParam(params.token);
  const price = priceBounds(params, context.decimals);
  const items: ListingState[] = [];
  let pending = 0;

  for (const listing of listings) {
    if (!isBrowsable(listing, params.soldOut)) continue;
    if (token !== undefined && listing.token.toLowerCase() !== token) continue;
    if (price.min !== undefined && listing.price < price.min) continue;
    if (price.max !== undefined && listing.price > price.max) continue;
    if (params.minRating !== undefined) {
      const rating = context.rating(listing.seller);
      if (rating === undefined) {
        pending += 1;
        continue;
      }
      if (rating.average === undefined || rating.average < params.minRating) continue;
    }
    if (needsMetadata) {
      const entry = context.meta(listing);
      if (entry === undefined) {
        pending += 1;
        continue;
      }
      // Nothing can be said about a listing whose content could not be verified or read: it matches no search.
      if (entry.status !== "ready") continue;
      if (params.category !== undefined && entry.value.category !== params.category) continue;
      if (!terms.every((term) => entry.search.includes(term))) continue;
    }
    items.push(listing);
  }

  items.sort(comparator(params.sort, context));
  return { items, pending, price };
}

function byNewest(a: ListingState, b: ListingState): number {
  return a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
}

function comparator(sort: SortKey, context: FilterContext): (a: ListingState, b: ListingState) => number {
  switch (sort) {
    case "price-asc":
    case "price-desc": {
      const direction = sort === "price-asc" ? 1 : -1;
      // Prices in different currencies cannot be compared: they are sorted within each currency.
      return (a, b) => {
        const rank = context.tokenRank(a.token) - context.tokenRank(b.token);
        if (rank !== 0) return rank;
        if (a.price !== b.price) return a.price < b.price ? -direction : direction;
        return byNewest(a, b);
      };
    }
    case "rating":
      return (a, b) => {
        const ra = context.rating(a.seller);
        const rb = context.rating(b.seller);
        const avgA = ra?.average ?? -1;
        const avgB = rb?.average ?? -1;
        if (avgA !== avgB) return avgB - avgA;
        const countA = ra?.ratings ?? 0;
        const countB = rb?.ratings ?? 0;
        if (countA !== countB) return countB - countA;
        return byNewest(a, b);
      };
    default:
      return byNewest;
  }
}

export interface Page<T> {
  items: T[];
  /** The page shown (clamped to the last page). */
  page: number;
  pageCount: number;
  /** 0-based index of the first item shown. */
  offset: number;
}

export function paginate<T>(items: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(Math.max(1, page), pageCount);
  const offset = (shown - 1) * size;
  return { items: items.slice(offset, offset + size), page: shown, pageCount, offset };
}

/** Page numbers to offer: first, last, and the current one with its neighbours; "gap" where pages are skipped. */
export function pageItems(page: number, pageCount: number): Array<number | "gap"> {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  // Avoid a gap that hides a single page: show it instead.
  if (wanted.has(3) && !wanted.has(2) && pageCount >= 3) wanted.add(2);
  if (wanted.has(pageCount - 2) && !wanted.has(pageCount - 1)) wanted.add(pageCount - 1);
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: Array<number | "gap"> = [];
  for (const n of sorted) {
    const previous = items[items.length - 1];
    if (typeof previous === "number" && n - previous > 1) items.push("gap");
    items.push(n);
  }
  return items;
}
