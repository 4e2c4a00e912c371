import { lazy, Suspense } from "react";
import type { Address } from "viem";

import { loadInsights } from "../app/insights-loader.ts";
import { useToken } from "../hooks/use-token.ts";
import { TokenAmount } from "./token-amount.tsx";

// Feeds are read on demand, with the other on-demand pieces (app/deferred-ui.ts).
const ReferencePrice = lazy(() => loadInsights().then((m) => ({ default: m.ReferencePrice })));

/**
 * A price or total people weigh: the amount in its token (TokenAmount), followed by its value in dollars where a price
 * feed is configured for the token ("≈ $12.40", components/reference-price.tsx), never instead of it. Amounts inside
 * breakdowns and payouts use TokenAmount alone. Apart from TokenAmount so that the browse page does not carry it.
 */
export function PricedAmount({ amount, token, className = "" }: { amount: bigint; token: Address; className?: string }) {
  const info = useToken(token);
  return (
    <span className={className}>
      <TokenAmount amount={amount} token={token} />
      {info?.known === true && (
        <Suspense fallback={null}>
          <ReferencePrice amount={amount} token={token} decimals={info.decimals} symbol={info.symbol} />
        </Suspense>
      )}
    </span>
  );
}
