// The header's on-demand pieces, in one dynamic entry (see messaging-entry.ts for why one: each extra entry splits the
// first page's chunks further): the notice about a restarted chain, the money waiting to be withdrawn, and the wallet
// dialog. None is needed for the browse page's first results.
export { ChainNotice } from "../components/chain-notice.tsx";
export { HeaderCredits } from "../components/header-credits.tsx";
export { WalletDialog } from "../components/wallet-dialog.tsx";
