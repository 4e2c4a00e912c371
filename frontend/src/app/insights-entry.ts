// The one entry point through which the app loads the insights on demand: the statistics and watchlist pages, the
// reference price after an amount, and "Save this search" on the browse page. One dynamic entry for all keeps the
// bundler's chunking of the first page as it was (each extra dynamic entry that shares modules with it splits its
// chunks further; see messaging-entry.ts). Charts load uPlot separately, only when drawn.
export { default as StatsPage } from "../features/stats/stats-page.tsx";
export { default as WatchlistPage } from "../features/watchlist/watchlist-page.tsx";
export { default as ReferencePrice } from "../components/reference-price.tsx";
export { default as SaveSearch } from "../features/listings/save-search.tsx";
