import { formatAmount } from "@souk/sdk/format";
import type { Address } from "viem";

import { useToken } from "../hooks/use-token.ts";

/** An amount in its token's own decimals and symbol; tokens outside the deployment's list are labelled unknown. */
export function TokenAmount({ amount, token, className = "" }: { amount: bigint; token: Address; className?: string }) {
  const info = useToken(token);
  if (info === undefined) return <span className={className}>…</span>;
  return (
    <span className={className}>
      {formatAmount(amount, info.decimals)} {info.symbol}
      {!info.known && (
        <span className="ml-1 rounded bg-warning-soft px-1 text-xs text-warning" title={`Unknown token ${token}`}>
          unknown token
        </span>
      )}
    </span>
  );
}
