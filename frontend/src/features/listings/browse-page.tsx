import { ETH } from "@souk/sdk/contracts";
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { Address } from "viem";

import { loadInsights } from "../../app/insights-loader.ts";
import { Button } from "../../components/button.tsx";
import { EmptyState, ErrorState, LoadingRegion } from "../../components/states.tsx";
import type { ListingState } from "../../lib/catalogue.ts";
import type { MetaEntry } from "./metadata-entry.ts";
import { contracts } from "../../lib/deployment.ts";
import { useDebouncedValue } from "../../hooks/use-debounced-value.ts";
import { useIndexer } from "../../hooks/use-indexer.ts";
import { markFirstResultsShown } from "../../lib/first-results.ts";
import { listingStateOf } from "../../lib/indexed-listing.ts";
import { ActiveFilters, FilterPanel, type Facets, type FilterHandlers } from "./browse-filters.tsx";
import { formatCount } from "./count.ts";
import { metaEntryOf } from "./indexed-entry.ts";
import {
  activeFilterCount,
  applyFilters,
  DEFAULT_PARAMS,
  isBrowsable,
  paginate,
  PAGE_SIZE,
  readParams,
  tokenFromParam,
  writeParams,
  type BrowseParams,
  type FilterContext,
  type SellerRating,
  type SortKey,
} from "./filter.ts";
import { ListingCard, ListingCardSkeleton } from "./listing-card.tsx";
import { metadataCid } from "./metadata-query.ts";
import { Pagination } from "./pagination.tsx";
import { useCatalogue } from "../../hooks/use-catalogue.ts";
import { useKeyed } from "../../hooks/use-keyed.ts";
import { useCatalogueMetadata } from "./use-catalogue-metadata.ts";
import { listingsPath, useIndexedListings } from "./use-indexed-listings.ts";
import { useToken } from "../../hooks/use-token.ts";
import { useUrlText } from "./use-url-text.ts";

const EMPTY: readonly ListingState[] = [];
const NO_RATINGS: ReadonlyMap<string, SellerRating> = new Map();
const RatingsSource = lazy(() => import("./ratings-source.tsx"));
// Loaded on demand, sharing no module with this page (it gets what it needs as props), so that its entry leaves
// this page's chunks as they are.
const SaveSearch = lazy(() => loadInsights().then((m) => ({ default: m.SaveSearch })));
const SORT_LABELS: Record<SortKey, string> = {
  newest: "Newest first",
  relevance: "Best match",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  rating: "Best-rated sellers",
};
const GRID = "grid grid-cols-2 gap-3 sm:gap-5 xl:grid-cols-3";
/**
 * Search text goes to the indexer once typing pauses this long: a burst of keystrokes is one request, and a request
 * overtaken by newer text is cancelled (use-indexed-listings.ts).
 */
const SEARCH_DEBOUNCE_MS = 40;

/** ETH first, then the deployment's tokens in their order, then unknown tokens. */
function tokenRank(token: string): number {
  if (token.toLowerCase() === ETH) return 0;
  const index = contracts?.record.tokens.findIndex((t) => t.address.toLowerCase() === token.toLowerCase()) ?? -1;
  return index >= 0 ? 1 + index : 1_000;
}

export default function BrowsePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const urlParams = useMemo(() => readParams(searchParams), [searchParams]);

  /** Applies a change to the URL's parameters; any change but paging returns to page 1. */
  const update = useCallback(
    (patch: Partial<BrowseParams>, replace = false) =>
      setSearchParams((previous) => writeParams({ ...readParams(previous), page: 1, ...patch }), {
        replace,
        preventScrollReset: true,
      }),
    [setSearchParams],
  );
  const search = useUrlText(urlParams.q, (q) => update({ q }, true));
  const min = useUrlText(urlParams.min, (value) => update({ min: value }, true));
  const max = useUrlText(urlParams.max, (value) => update({ max: value }, true));

  // What the person sees in the fields, applied at once; rendering of the results may lag a frame behind typing.
  const live = useMemo(
    () => ({ ...urlParams, q: search.value, min: min.value, max: max.value }),
    [urlParams, search.value, min.value, max.value],
  );
  const params = useDeferredValue(live);

  // The indexer serves search, filters, facets and pages while it answers; otherwise the catalogue is rebuilt from
  // the chain's events and searched in the browser as its descriptions arrive.
  const indexer = useIndexer();
  const catalogue = useCatalogue(indexer === undefined);
  const listings = indexer === undefined ? (catalogue.data?.listings ?? EMPTY) : EMPTY;
  const open = useMemo(() => listings.filter((l) => isBrowsable(l, true)), [listings]);
  const inStockCount = useMemo(() => open.reduce((n, l) => n + (l.stock > 0n ? 1 : 0), 0), [open]);
  const tokens = useMemo(
    () => [...new Set(open.map((l) => l.token.toLowerCase() as Address))].sort((a, b) => tokenRank(a) - tokenRank(b) || a.localeCompare(b)),
    [open],
  );
  const sellers = useMemo(() => open.map((l) => l.seller), [open]);
  const [facetTokens, setFacetTokens] = useState<readonly Address[]>([]);

  const selectedToken = params.token === undefined ? undefined : tokenFromParam(params.token);
  const tokenInfo = useToken(selectedToken);
  const searchText = useDebouncedValue(params.q, SEARCH_DEBOUNCE_MS);
  const requested = useMemo(() => ({ ...params, q: searchText }), [params, searchText]);
  const indexed = useIndexedListings(indexer, requested, tokenInfo?.decimals);
  const indexedItems = useMemo(
    () =>
      (indexed.data?.items ?? []).map((item) => ({
        listing: listingStateOf(item),
        entry: metaEntryOf(item),
        rating: { average: item.sellerRating.average ?? undefined, ratings: item.sellerRating.count },
      })),
    [indexed.data],
  );
  // The currencies offered: every one the indexer has counted so far (a filtered answer lists fewer).
  useEffect(() => {
    const seen = indexed.data?.facets.tokens.map((f) => f.token.toLowerCase() as Address) ?? [];
    setFacetTokens((known) => {
      const merged = [...new Set([...known, ...seen])].sort((a, b) => tokenRank(a) - tokenRank(b) || a.localeCompare(b));
      return merged.length === known.length ? known : merged;
    });
  }, [indexed.data]);
  const facets = useMemo<Facets | undefined>(
    () =>
      indexed.data === undefined
        ? undefined
        : {
            categories: new Map(indexed.data.facets.categories.map((f) => [f.category, f.count])),
            tokens: new Map(indexed.data.facets.tokens.map((f) => [f.token.toLowerCase(), f.count])),
            exact: indexed.data.facets.exact,
          },
    [indexed.data],
  );
  const needAllRatings = params.minRating !== undefined || params.sort === "rating";

  // The page shown is needed to decide what to fetch first, and what is fetched decides the page: the loop settles
  // because requesting the same documents again changes nothing.
  const [visibleSellers, setVisibleSellers] = useState<readonly Address[]>([]);
  const [ratings, setRatings] = useState(NO_RATINGS);
  const [wanted, setWanted] = useState<{ cids: readonly string[]; urgent: number }>({ cids: [], urgent: 0 });
  const { loader, snapshot, documents } = useCatalogueMetadata(wanted);

  const context = useMemo<FilterContext>(
    () => ({
      meta: (listing) => {
        const cid = metadataCid(listing.metadataDigest);
        return cid === undefined ? { status: "invalid", error: "The listing has no valid metadata digest." } : documents.get(cid);
      },
      rating: (seller) => ratings.get(seller.toLowerCase()),
      decimals: tokenInfo?.decimals,
      tokenRank,
    }),
    [documents, ratings, tokenInfo?.decimals],
  );
  const result = useMemo(() => applyFilters(open, params, context), [open, params, context]);
  const chainPage = paginate(result.items, params.page);
  const total = indexer === undefined ? result.items.length : (indexed.data?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page =
    indexer === undefined
      ? chainPage
      : { items: indexedItems.map((i) => i.listing), page: Math.min(params.page, pageCount), pageCount, offset: (Math.min(params.page, pageCount) - 1) * PAGE_SIZE };
  const entryOf = (listing: ListingState): MetaEntry | undefined => {
    if (indexer !== undefined) return indexedItems.find((i) => i.listing.id === listing.id)?.entry;
    const cid = metadataCid(listing.metadataDigest);
    return cid === undefined ? { status: "invalid", error: "No valid metadata digest." } : documents.get(cid);
  };
  const ratingOf = (listing: ListingState): SellerRating | undefined =>
    indexer === undefined ? ratings.get(listing.seller.toLowerCase()) : indexedItems.find((i) => i.listing.id === listing.id)?.rating;

  // Fetch order: this page, then what is in stock (newest first), then sold-out listings. Nothing with the indexer:
  // its answers carry the descriptions.
  const pageItems = useKeyed(page.items, page.items.map((l) => l.id).join());
  useEffect(() => {
    if (indexer !== undefined) {
      setWanted({ cids: [], urgent: 0 });
      return;
    }
    const order: string[] = [];
    const push = (l: ListingState) => {
      const cid = metadataCid(l.metadataDigest);
      if (cid !== undefined) order.push(cid);
    };
    pageItems.forEach(push);
    const urgent = order.length;
    open.forEach((l) => l.stock > 0n && push(l));
    open.forEach((l) => l.stock === 0n && push(l));
    setWanted({ cids: order, urgent });
    setVisibleSellers(pageItems.map((l) => l.seller));
  }, [pageItems, open, indexer]);

  // Titles and prices first: photos start loading once this page's descriptions are in (or shortly after the first
  // ones, so that one slow document does not hold every photo back), so they do not queue in front of the documents
  // on the gateway's few connections.
  let arrived = 0;
  for (const l of page.items) if (entryOf(l) !== undefined) arrived += 1;
  const pageReady = arrived === page.items.length;
  const someArrived = arrived > 0;
  const [imagesOn, setImagesOn] = useState(false);
  useEffect(() => {
    if (imagesOn || !someArrived) return;
    if (pageReady) {
      setImagesOn(true);
      return;
    }
    const timer = setTimeout(() => setImagesOn(true), 500);
    return () => clearTimeout(timer);
  }, [imagesOn, pageReady, someArrived]);

  const filterCount = activeFilterCount(params);
  // "Best match" ranks search results, which only the indexer does; it stays listed while it is the choice in force.
  const sortOptions = Object.entries(SORT_LABELS).filter(
    ([value]) => value !== "relevance" || (indexer !== undefined && params.q.trim() !== "") || urlParams.sort === "relevance",
  );
  const searching = params.q.trim() !== "";
  const [filtersOpen, setFiltersOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = { filters: useId(), search: useId(), sort: useId() };

  // After moving to another page, continue reading from the top of the results.
  const previousPage = useRef(urlParams.page);
  useEffect(() => {
    if (previousPage.current !== urlParams.page) headingRef.current?.focus({ preventScroll: true });
    previousPage.current = urlParams.page;
  }, [urlParams.page]);

  const clearAll = () => setSearchParams(writeParams({ ...DEFAULT_PARAMS, sort: urlParams.sort }), { preventScrollReset: true });
  const handlers: FilterHandlers = { set: (patch) => update(patch), min, max };
  const hrefFor = (n: number) => `?${writeParams({ ...params, page: n }).toString()}`;
  const metadataPending =
    indexer === undefined && (searching || params.category !== undefined) && snapshot.outstanding > 0 && !snapshot.paused;

  const header = (
    <div className="flex flex-col gap-5">
      {indexer === undefined && (
        <Suspense fallback={null}>
          <RatingsSource visible={visibleSellers} all={sellers} needAll={needAllRatings} onChange={setRatings} />
        </Suspense>
      )}
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="text-2xl font-bold tracking-tight sm:text-4xl">Find something good</h1>
          <p className="mt-2 text-sm text-muted sm:text-base">
            Buy directly from the people who make, restore and sell things. Your payment waits in escrow until you confirm
            the delivery.
          </p>
        </div>
        <Link to="/sell" className="text-sm font-medium text-brand hover:underline">
          Sell on Souk →
        </Link>
      </div>
      <form
        role="search"
        className="flex flex-col gap-3 sm:flex-row"
        onSubmit={(e) => {
          e.preventDefault();
          search.flush();
        }}
      >
        <div className="relative flex-1">
          <label htmlFor={ids.search} className="sr-only">
            Search listings
          </label>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="pointer-events-none absolute top-1/2 left-3.5 size-5 -translate-y-1/2 text-muted"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          >
            <circle cx="8.5" cy="8.5" r="5.5" />
            <path d="m13 13 4 4" />
          </svg>
          <input
            id={ids.search}
            type="search"
            className="input h-12 pl-10 text-base"
            placeholder="Search titles and descriptions"
            value={search.value}
            maxLength={200}
            autoComplete="off"
            enterKeyHint="search"
            onChange={(e) => search.change(e.target.value)}
            onBlur={search.flush}
          />
        </div>
        <div className="flex gap-3">
          <Button
            variant="secondary"
            className="h-12 flex-1 lg:hidden"
            aria-expanded={filtersOpen}
            aria-controls={ids.filters}
            onClick={() => setFiltersOpen((o) => !o)}
          >
            Filters
            {filterCount > 0 && (
              <span className="rounded-full bg-brand px-2 text-xs text-on-brand">
                {filterCount}
                <span className="sr-only"> active</span>
              </span>
            )}
          </Button>
          <div className="flex-1 sm:w-56 sm:flex-none">
            <label htmlFor={ids.sort} className="sr-only">
              Sort by
            </label>
            <select
              id={ids.sort}
              className="input h-12 appearance-auto"
              value={urlParams.sort}
              onChange={(e) => update({ sort: e.target.value as SortKey })}
            >
              {sortOptions.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
    </div>
  );

  const loaded = indexer === undefined ? catalogue.data !== undefined : indexed.data !== undefined;
  // The header's messaging waits for this (lib/first-results.ts): results shown, or why they cannot be.
  const settled = loaded || (indexer === undefined && catalogue.isError);
  useEffect(() => {
    if (settled) markFirstResultsShown();
  }, [settled]);
  if (!loaded) {
    return (
      <div className="flex flex-col gap-8">
        {header}
        {indexer === undefined && catalogue.isError ? (
          <ErrorState
            title="The listings could not be loaded"
            message="Souk reads the listings straight from the blockchain, and the node did not answer. Check your connection and try again."
            onRetry={() => void catalogue.refetch()}
          />
        ) : (
          <LoadingRegion label="Loading listings">
            <div className={GRID}>
              {Array.from({ length: 6 }, (_, i) => (
                <ListingCardSkeleton key={i} />
              ))}
            </div>
          </LoadingRegion>
        )}
      </div>
    );
  }

  const marketEmpty =
    indexer === undefined ? open.length === 0 : total === 0 && activeFilterCount(params) === 0 && !searching && params.soldOut;
  if (marketEmpty) {
    return (
      <div className="flex flex-col gap-8">
        {header}
        <EmptyState
          title="Nothing for sale yet"
          action={
            <Link to="/sell" className="rounded-[var(--radius-control)] bg-brand px-5 py-3 font-medium text-on-brand hover:bg-brand-strong">
              List something
            </Link>
          }
        >
          Souk is a market run by its sellers, and nobody has listed anything here so far. Be the first: it takes a few
          minutes, and buyers pay into an escrow, so you are paid when they confirm.
        </EmptyState>
      </div>
    );
  }

  // The search text of the results on screen (with the indexer, the previous results stay while the next load).
  const shownQuery = indexer === undefined ? params.q.trim() : (indexed.data?.q ?? "");
  // Past the indexer's count limit, the total is a floor: "10,000+ listings".
  const totalExact = indexer === undefined || (indexed.data?.totalExact ?? true);
  const countText = `${formatCount(total)}${totalExact ? "" : "+"} ${total === 1 && totalExact ? "listing" : "listings"}`;

  return (
    <div className="flex flex-col gap-8">
      {header}
      <div className="grid gap-8 lg:grid-cols-[15rem_1fr]">
        <aside
          id={ids.filters}
          aria-label="Filters"
          className={`${filtersOpen ? "block" : "hidden"} card p-5 lg:block lg:self-start lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none`}
        >
          <h2 className="sr-only">Filters</h2>
          <FilterPanel params={live} tokens={indexer === undefined ? tokens : facetTokens} price={result.price} handlers={handlers} facets={facets} />
        </aside>

        <section aria-labelledby="results-heading" className="flex min-w-0 flex-col gap-5">
          <div className="flex flex-col gap-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="results-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold outline-none">
                {shownQuery !== "" ? `${countText} for “${shownQuery}”` : countText}
              </h2>
              {page.pageCount > 1 && (
                <p className="text-sm text-muted">
                  Showing {page.offset + 1}–{page.offset + page.items.length}
                </p>
              )}
            </div>
            <p className="sr-only" aria-live="polite" aria-atomic="true">
              {metadataPending ? `${countText} so far, still searching` : countText}
            </p>
            <ActiveFilters
              params={live}
              tokenSymbol={tokenInfo?.symbol}
              onRemove={(patch) => update(patch)}
              onClear={clearAll}
            />
            {indexer !== undefined && (searching || filterCount > 0) && (
              <Suspense fallback={null}>
                <SaveSearch
                  params={params}
                  browse={writeParams({ ...params, page: 1, sort: "newest" }).toString()}
                  api={listingsPath(params, tokenInfo?.decimals).split("?")[1]!}
                  indexer={indexer}
                  tokenSymbol={tokenInfo?.symbol}
                />
              </Suspense>
            )}
            {params.token === undefined && (params.sort === "price-asc" || params.sort === "price-desc") && (indexer === undefined ? tokens : facetTokens).length > 1 && (
              <p className="text-sm text-muted">Prices are sorted within each currency. Choose a currency to compare all prices.</p>
            )}
            {indexed.data?.corrections !== undefined && searching && (
              <p className="text-sm text-muted">
                Also showing results for{" "}
                {Object.values(indexed.data.corrections)
                  .flat()
                  .map((word) => `“${word}”`)
                  .join(", ")}
                .
              </p>
            )}
            {metadataPending && (
              <p className="flex items-center gap-2 text-sm text-muted">
                <span className="inline-block size-3 animate-spin rounded-full border-2 border-current border-r-transparent" aria-hidden="true" />
                Still reading {formatCount(snapshot.outstanding)} listing descriptions: more results may appear.
              </p>
            )}
          </div>

          {indexer === undefined && snapshot.paused && (
            <div role="alert" className="flex flex-wrap items-center gap-3 rounded-[var(--radius-card)] border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning">
              <p className="flex-1">
                Listing descriptions could not be loaded: the IPFS gateway is not answering. Prices and stock come from the
                blockchain and are up to date.
              </p>
              <Button size="sm" variant="secondary" onClick={() => loader.retry()}>
                Try again
              </Button>
            </div>
          )}

          {page.items.length > 0 ? (
            <ul className={GRID} aria-label="Listings">
              {page.items.map((listing) => {
                const rating = ratingOf(listing);
                return (
                  <li key={listing.id.toString()} className="flex">
                    <div className="flex w-full flex-col [&>article]:flex-1">
                      <ListingCard
                        listing={listing}
                        entry={entryOf(listing)}
                        ratingAverage={rating?.average}
                        ratingCount={rating?.ratings}
                        showImage={imagesOn}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : indexer === undefined && result.pending > 0 && !snapshot.paused ? (
            <LoadingRegion label="Searching listings">
              <div className={GRID}>
                {Array.from({ length: 3 }, (_, i) => (
                  <ListingCardSkeleton key={i} />
                ))}
              </div>
            </LoadingRegion>
          ) : (
            <NoResults
              params={params}
              soldOutHidden={!params.soldOut && (indexer !== undefined || inStockCount < open.length)}
              onIncludeSoldOut={() => update({ soldOut: true })}
              onClear={clearAll}
              nothingInStock={indexer === undefined && inStockCount === 0}
            />
          )}

          <Pagination page={page.page} pageCount={page.pageCount} hrefFor={hrefFor} />
        </section>
      </div>
    </div>
  );
}

function NoResults({
  params,
  soldOutHidden,
  nothingInStock,
  onIncludeSoldOut,
  onClear,
}: {
  params: BrowseParams;
  soldOutHidden: boolean;
  nothingInStock: boolean;
  onIncludeSoldOut: () => void;
  onClear: () => void;
}) {
  const filtered = activeFilterCount(params) > 0 || params.q.trim() !== "";
  if (nothingInStock && !filtered) {
    return (
      <EmptyState title="Everything is sold out" action={<Button onClick={onIncludeSoldOut}>Show sold-out listings</Button>}>
        Every listing has sold its last unit for now. Sellers often restock: have a look at what sold, or come back soon.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No listings match"
      action={
        <div className="flex flex-wrap justify-center gap-3">
          <Button onClick={onClear}>Clear search and filters</Button>
          {soldOutHidden && (
            <Button variant="secondary" onClick={onIncludeSoldOut}>
              Include sold-out listings
            </Button>
          )}
        </div>
      }
    >
      {params.q.trim() !== ""
        ? `Nothing for sale mentions “${params.q.trim()}” with these filters. Try fewer words, another spelling, or fewer filters.`
        : "No listing fits all of these filters. Remove one or two to see more."}
    </EmptyState>
  );
}

