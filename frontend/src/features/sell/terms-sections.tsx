import { ETH } from "@souk/sdk/contracts";
import { useId } from "react";
import type { Address } from "viem";

import { Field } from "../../components/field.tsx";
import type { TokenInfo } from "../../hooks/use-token.ts";
import { contracts } from "../../lib/deployment.ts";
import { ArbiterField } from "./arbiter-field.tsx";
import type { TermsDraft } from "./draft.ts";
import { Icon } from "./icons.tsx";
import { PriceField, StockField } from "./price-fields.tsx";
import { PriceSuggestion } from "./price-suggestion.tsx";
import { Section } from "./section.tsx";
import { WindowField } from "./window-field.tsx";

interface TermsProps {
  draft: TermsDraft;
  change: (patch: Partial<TermsDraft>) => void;
  errorOf: (key: string) => string | undefined;
}

/**
 * Payment token (ETH, the deployment's tokens or any ERC-20 by address), price and stock; with a category chosen, what
 * similar things sold for.
 */
export function PriceSection({
  draft,
  change,
  errorOf,
  token,
  category,
}: TermsProps & { token: { info: TokenInfo | undefined; isContract: boolean | undefined; notErc20: boolean }; category?: string }) {
  const legendId = useId();
  const options: Array<{ value: string; label: string; detail: string }> = [
    { value: ETH, label: "ETH", detail: "Ether" },
    ...(contracts?.record.tokens ?? []).map((t) => ({ value: t.address, label: t.symbol, detail: t.name })),
    { value: "custom", label: "Other token", detail: "ERC-20 by address" },
  ];
  return (
    <Section title="Price and quantity" description="The currency cannot be changed after publishing; the price and the quantity can.">
      <fieldset className="flex flex-col gap-2">
        <legend id={legendId} className="mb-1 text-sm font-medium">
          Buyers pay in
        </legend>
        <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
          {options.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-start gap-3 rounded-[var(--radius-control)] border border-border p-3 has-checked:border-brand has-checked:bg-brand-soft has-focus-visible:outline-3 has-focus-visible:outline-focus"
            >
              <input
                type="radio"
                name="payment-token"
                value={option.value}
                className="mt-1 accent-brand"
                checked={draft.token.toLowerCase() === option.value.toLowerCase()}
                data-field="token"
                onChange={() => change({ token: option.value })}
              />
              <span className="flex min-w-0 flex-col">
                <span className="font-medium">{option.label}</span>
                <span className="truncate text-xs text-muted">{option.detail}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {draft.token === "custom" && (
        <div className="flex flex-col gap-3">
          <Field label="Token contract address" error={errorOf("customToken")}>
            {(props) => (
              <input
                {...props}
                className="input font-mono text-sm"
                value={draft.customToken}
                maxLength={64}
                spellCheck={false}
                autoComplete="off"
                placeholder="0x…"
                data-field="customToken"
                onChange={(event) => change({ customToken: event.target.value })}
              />
            )}
          </Field>
          {token.info !== undefined && !token.notErc20 && (
            <div
              className={`flex gap-3 rounded-[var(--radius-control)] p-3 text-sm ${token.info.known ? "bg-surface-muted" : "bg-warning-soft text-warning"}`}
              role="status"
            >
              <Icon name={token.info.known ? "check" : "warning"} className="mt-0.5 size-4 shrink-0" />
              <div className="flex flex-col gap-1">
                <p className="font-medium">
                  {token.info.name} ({token.info.symbol}), {token.info.decimals} decimals
                  {!token.info.known && " · unknown token"}
                </p>
                {!token.info.known && (
                  <p>
                    Souk does not know this token, and buyers will see it labelled as unknown. Only use a standard
                    ERC-20 you trust: the escrow refuses tokens that charge a fee on transfers, so nobody could buy.
                  </p>
                )}
              </div>
            </div>
          )}
        </div>
      )}

      <div className="grid gap-5 sm:grid-cols-2">
        <PriceField value={draft.price} onChange={(price) => change({ price })} error={errorOf("price")} token={token.info} />
        <StockField
          value={draft.stock}
          onChange={(stock) => change({ stock })}
          error={errorOf("stock")}
          help="Each purchase takes units from it; refunds put them back."
        />
      </div>
      <PriceSuggestion category={category} token={token.info} onUse={(price) => change({ price })} />
    </Section>
  );
}

/** The escrow terms: how long each side has, and who settles disputes for what fee. Fixed once published. */
export function ProtectionSection({ draft, change, errorOf, account }: TermsProps & { account: Address | undefined }) {
  return (
    <Section
      title="Buyer protection"
      description="Payments wait in escrow until the buyer confirms. These terms protect both sides and cannot be changed after publishing."
      aside={
        <span className="flex size-10 items-center justify-center rounded-full bg-brand-soft text-brand">
          <Icon name="shield" />
        </span>
      }
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <WindowField
          label="Time to ship (fulfilment window)"
          help="How long you have to ship or deliver after a purchase. If you miss it, the buyer can cancel for a full refund."
          value={draft.fulfillment}
          onChange={(fulfillment) => change({ fulfillment })}
          error={errorOf("fulfillment")}
          field="fulfillment"
        />
        <WindowField
          label="Time to check (confirmation window)"
          help="How long the buyer has to check what arrived and open a dispute. After it, the payment is released to you."
          value={draft.confirmation}
          onChange={(confirmation) => change({ confirmation })}
          error={errorOf("confirmation")}
          field="confirmation"
        />
      </div>
      <ArbiterField value={draft.arbiter} onChange={(arbiter) => change({ arbiter })} error={errorOf("arbiter")} account={account} />
      <Field
        label="Arbiter fee"
        help="Paid to the arbiter from the order's amount only if they have to rule; nothing is due when you and the buyer agree. From 0 to 10%."
        error={errorOf("arbiterFee")}
      >
        {(props) => (
          <div className="flex max-w-48 items-stretch">
            <input
              {...props}
              className="input rounded-r-none text-right tabular-nums"
              inputMode="decimal"
              value={draft.arbiterFee}
              maxLength={6}
              data-field="arbiterFee"
              onChange={(event) => change({ arbiterFee: event.target.value })}
            />
            <span className="flex items-center rounded-r-[var(--radius-control)] border border-l-0 border-border bg-surface-muted px-3 text-sm font-medium">
              %
            </span>
          </div>
        )}
      </Field>
    </Section>
  );
}
