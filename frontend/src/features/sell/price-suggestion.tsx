/**
 * What similar things sold for, under the price field: the median and range of sales completed in the chosen
 * category and currency over the last 90 days, from the indexer, with how many sales that is (nothing under three).
 * A hint, never a default: the seller's price is theirs to choose.
 */
import { formatAmount } from "@souk/sdk/format";
import { formatUnits } from "viem";

import { PricedAmount } from "../../components/priced-amount.tsx";
import { usePriceSuggestion } from "../../hooks/use-analytics.ts";
import type { TokenInfo } from "../../hooks/use-token.ts";

export function PriceSuggestion({ category, token, onUse }: { category: string | undefined; token: TokenInfo | undefined; onUse: (price: string) => void }) {
  const suggestion = usePriceSuggestion(category, token?.address);
  if (!suggestion.available || category === undefined || token === undefined) return null;
  const data = suggestion.data;
  return (
    <div className="rounded-[var(--radius-control)] bg-surface-muted px-4 py-3 text-sm" role="status" aria-live="polite" data-testid="price-suggestion">
      {data === undefined ? (
        <p className="text-muted">{suggestion.isError ? "Recent prices could not be looked up." : `Looking up recent sales of ${category} in ${token.symbol}…`}</p>
      ) : data.median === null || data.low === null || data.high === null ? (
        <p className="text-muted">
          {data.count === 0 ? "No" : `Only ${data.count}`} {category} sale{data.count === 1 ? "" : "s"} in {token.symbol} completed in the last{" "}
          {data.days} days: too few to suggest a price (at least 3 are needed).
        </p>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p>
            Recent {category} sales in {token.symbol}: median <strong><PricedAmount amount={BigInt(data.median)} token={token.address} /></strong>, from{" "}
            {formatAmount(BigInt(data.low), token.decimals)} to {formatAmount(BigInt(data.high), token.decimals)} {token.symbol}{" "}
            <span className="text-muted">
              ({data.count} sales completed in the last {data.days} days)
            </span>
          </p>
          <button type="button" className="font-medium text-brand hover:underline" onClick={() => onUse(formatUnits(BigInt(data.median!), token.decimals))}>
            Use the median
          </button>
        </div>
      )}
    </div>
  );
}
