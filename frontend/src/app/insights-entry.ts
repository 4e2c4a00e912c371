// The one entry point through which the app loads the analytics pages on demand (statistics, watchlist): one
// dynamic entry for both keeps the bundler's chunking of the first page as it was (each extra dynamic entry that
// shares modules with it splits its chunks further; see messaging-entry.ts). Charts load uPlot separately, only when
// drawn. Reference prices and "Save this search" have entries of their own that share no module with the browse page.
export { default as StatsPage } from "../features/stats/stats-page.tsx";
export { default as WatchlistPage } from "../features/watchlist/watchlist-page.tsx";
export { default as ReferencePrice } from "../components/reference-price.tsx";
export { default as SaveSearch } from "../features/listings/save-search.tsx";
