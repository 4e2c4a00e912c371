import { computePayout, formatAmount } from "@souk/sdk/format";
import type { Address } from "viem";

import { TokenAmount } from "./token-amount.tsx";
import { useToken } from "../hooks/use-token.ts";

type Party = "buyer" | "seller" | "arbiter";

/**
 * Exactly who gets what when an order ends with `buyerShareBps` for the buyer, computed with the escrow's own split
 * (computePayout): buyer, seller, arbiter fee (only for a ruling) and protocol fee, as a bar and as amounts.
 */
export function PayoutBreakdown({
  amount,
  token,
  buyerShareBps,
  arbiterFeeBps,
  protocolFeeBps,
  you,
}: {
  amount: bigint;
  token: Address;
  buyerShareBps: bigint;
  arbiterFeeBps: bigint;
  protocolFeeBps: bigint;
  you?: Party | undefined;
}) {
  const info = useToken(token);
  const payout = computePayout(amount, buyerShareBps, arbiterFeeBps, protocolFeeBps);
  const rows = [
    { key: "buyer", label: "Buyer", value: payout.buyer, colour: "bg-brand", note: undefined },
    { key: "seller", label: "Seller", value: payout.seller, colour: "bg-accent", note: undefined },
    ...(arbiterFeeBps > 0n
      ? [{ key: "arbiter", label: "Arbiter fee", value: payout.arbiter, colour: "bg-text", note: `${Number(arbiterFeeBps) / 100}% of the total` }]
      : []),
    {
      key: "protocol",
      label: "Protocol fee",
      value: payout.protocol,
      colour: "bg-muted",
      note: `${Number(protocolFeeBps) / 100}% of the seller's part`,
    },
  ];
  const width = (value: bigint) => (amount === 0n ? 0 : Number((value * 10_000n) / amount) / 100);
  const summary =
    info === undefined
      ? ""
      : `Buyer gets ${formatAmount(payout.buyer, info.decimals)} ${info.symbol}, seller gets ${formatAmount(payout.seller, info.decimals)} ${info.symbol}.`;

  return (
    <div className="flex flex-col gap-3 rounded-[var(--radius-control)] bg-surface-muted p-4">
      <div className="flex h-2.5 overflow-hidden rounded-full bg-border" aria-hidden="true">
        {rows.map((row) => (
          <span key={row.key} className={`${row.colour} h-full`} style={{ width: `${width(row.value)}%` }} />
        ))}
      </div>
      <dl className="flex flex-col gap-2 text-sm">
        {rows.map((row) => (
          <div key={row.key} className="flex items-baseline gap-2">
            <dt className="flex min-w-0 flex-1 items-baseline gap-2">
              <span aria-hidden="true" className={`size-2.5 shrink-0 translate-y-px rounded-full ${row.colour}`} />
              <span>
                {row.label}
                {you === row.key && <span className="font-semibold"> (you)</span>}
                {row.note !== undefined && <span className="block text-xs text-muted">{row.note}</span>}
              </span>
            </dt>
            <dd className="text-right font-medium tabular-nums">
              <TokenAmount amount={row.value} token={token} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="sr-only" aria-live="polite">
        {summary}
      </p>
    </div>
  );
}
