import { computePayout, formatAmount, formatBps } from "@souk/sdk/format";
import { escrowAbi } from "@souk/sdk/contracts";
import type { ReactNode } from "react";
import { useReadContract } from "wagmi";

import { Field } from "../../components/field.tsx";
import { contracts } from "../../lib/deployment.ts";
import { checkPrice } from "./validate-draft.ts";

/** A price box with the token's symbol beside it, and what the seller receives per unit after the protocol fee. */
export function PriceField({
  value,
  onChange,
  error,
  token,
  label = "Price per unit",
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  token: { symbol: string; decimals: number } | undefined;
  label?: string;
}) {
  const fee = useReadContract({ address: contracts?.escrow, abi: escrowAbi, functionName: "protocolFeeBps", query: { staleTime: 60_000 } });
  const parsed = token === undefined ? undefined : checkPrice(value, token).value;
  let help: ReactNode = "Buyers pay this into escrow; it is released to you when the order completes.";
  if (parsed !== undefined && token !== undefined && fee.data !== undefined) {
    const payout = computePayout(parsed, 0n, 0n, fee.data);
    help =
      fee.data === 0n
        ? `You receive the full ${formatAmount(parsed, token.decimals)} ${token.symbol} per unit when an order completes.`
        : `You receive ${formatAmount(payout.seller, token.decimals)} ${token.symbol} per unit when an order completes (Souk's protocol fee is ${formatBps(fee.data)}).`;
  }
  return (
    <Field label={label} help={help} error={error}>
      {(props) => (
        <div className="flex items-stretch">
          <input
            {...props}
            className="input rounded-r-none text-right tabular-nums"
            inputMode="decimal"
            autoComplete="off"
            value={value}
            maxLength={48}
            placeholder="0.00"
            data-field="price"
            onChange={(event) => onChange(event.target.value)}
          />
          <span className="flex min-w-16 items-center justify-center rounded-r-[var(--radius-control)] border border-l-0 border-border bg-surface-muted px-3 text-sm font-medium">
            {token?.symbol ?? "…"}
          </span>
        </div>
      )}
    </Field>
  );
}

/** Units in stock, as a whole number. */
export function StockField({ value, onChange, error, help }: { value: string; onChange: (value: string) => void; error: string | undefined; help: ReactNode }) {
  return (
    <Field label="Quantity in stock" help={help} error={error}>
      {(props) => (
        <input
          {...props}
          className="input max-w-40 text-right tabular-nums"
          inputMode="numeric"
          autoComplete="off"
          value={value}
          maxLength={13}
          data-field="stock"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
