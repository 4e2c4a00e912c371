// What the page loads on demand once it shows (at once, or on the browse page once its first results had time to
// arrive), in one dynamic entry (see messaging-entry.ts for why one: each extra entry splits the first page's chunks
// further): the banners (an unreachable chain or IPFS, the wrong network, a restarted chain), the money waiting to be
// withdrawn, the wallet dialog, and the notifications' drawing and placement. The insights come through it too (the
// footer's links, the statistics and watchlist pages, the reference price after an amount, "Save this search"): an
// entry of their own split the browse page's first chunks further (1.1 KB more, bundle:budget).
export { ChainNotice } from "../components/chain-notice.tsx";
export { HeaderCredits } from "../components/header-credits.tsx";
export { NetworkBanner } from "../components/network-banner.tsx";
export { ToastStack } from "../components/toast-stack.tsx";
export { WalletDialog } from "../components/wallet-dialog.tsx";
export { default as StatsPage } from "../features/stats/stats-page.tsx";
export { default as WatchlistPage } from "../features/watchlist/watchlist-page.tsx";
export { default as ReferencePrice } from "../components/reference-price.tsx";
export { default as SaveSearch } from "../features/listings/save-search.tsx";
export { FooterLinks } from "../components/footer-links.tsx";
