import type { Address } from "viem";

import { TokenAmount } from "./token-amount.tsx";
import type { Payout } from "../lib/timeline-events.ts";

/** The amounts credited when an order ended, compactly: who got what (nobody with nothing). */
export function PayoutLines({ payout, token }: { payout: Payout; token: Address }) {
  const all: Array<[string, bigint]> = [
    ["Buyer", payout.buyer],
    ["Seller", payout.seller],
    ["Arbiter fee", payout.arbiter],
    ["Protocol fee", payout.protocol],
  ];
  const paid = all.filter(([, value]) => value > 0n);
  const rows = paid.length > 0 ? paid : all.slice(0, 2);
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-[var(--radius-control)] bg-surface-muted p-3 text-sm sm:grid-cols-4">
      {rows.map(([label, value]) => (
        <div key={label} className="flex flex-col">
          <dt className="text-xs text-muted">{label}</dt>
          <dd className="font-semibold tabular-nums">
            <TokenAmount amount={value} token={token} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
