import { formatAmount } from "@souk/sdk/format";
import { lazy, Suspense } from "react";
import type { Address } from "viem";

import { loadInsights } from "../app/insights-loader.ts";
import { useToken } from "../hooks/use-token.ts";

// Feeds are read on demand: the first page's JavaScript does not carry them (reference-price.tsx shares no module
// with the browse page, so that this entry leaves its chunks as they are).
const ReferencePrice = lazy(() => loadInsights().then((m) => ({ default: m.ReferencePrice })));

/**
 * An amount in its token's own decimals and symbol; tokens outside the deployment's list are labelled unknown. With
 * `reference`, followed by its value in dollars where a price feed is configured for the token ("≈ $12.40",
 * components/reference-price.tsx): prices and totals people weigh, not every amount in a breakdown.
 */
export function TokenAmount({ amount, token, className = "", reference = false }: { amount: bigint; token: Address; className?: string; reference?: boolean }) {
  const info = useToken(token);
  if (info === undefined) return <span className={className}>…</span>;
  return (
    <span className={className}>
      {formatAmount(amount, info.decimals)} {info.symbol}
      {reference && info.known && (
        <Suspense fallback={null}>
          <ReferencePrice amount={amount} token={token} decimals={info.decimals} symbol={info.symbol} />
        </Suspense>
      )}
      {!info.known && (
        <span className="ml-1 rounded bg-warning-soft px-1 text-xs text-warning" title={`Unknown token ${token}`}>
          unknown token
        </span>
      )}
    </span>
  );
}
