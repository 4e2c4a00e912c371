// The header's on-demand pieces, in one dynamic entry (see messaging-entry.ts for why one): the notice about a
// restarted chain, and the money waiting to be withdrawn. Neither is needed for the browse page's first results.
export { ChainNotice } from "../components/chain-notice.tsx";
export { HeaderCredits } from "../components/header-credits.tsx";
