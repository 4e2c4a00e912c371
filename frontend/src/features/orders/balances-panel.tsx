import { formatAmount } from "@souk/sdk/format";
import { useState } from "react";
import type { Address } from "viem";

import { Button } from "../../components/button.tsx";
import { Skeleton } from "../../components/states.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { useToken } from "../../hooks/use-token.ts";
import { useCredits, useWithdraw, type Credit } from "../../hooks/use-credits.ts";
import { WithdrawToForm } from "./withdraw-to-form.tsx";

/**
 * Money the escrow credited to the connected account (sales, refunds, splits, arbiter fees). Payouts are never sent
 * automatically: they wait here until their owner withdraws them, to this wallet or to another address.
 */
export function BalancesPanel({ account, orderTokens }: { account: Address; orderTokens: readonly Address[] }) {
  const { credits, isPending, isError, refetch } = useCredits(account, orderTokens);
  const waiting = credits?.filter((credit) => credit.amount > 0n) ?? [];
  return (
    <section aria-labelledby="balances-heading" className="card overflow-hidden" data-action-panel>
      <div className="flex flex-col gap-1 border-b border-border px-5 py-4 sm:px-6">
        <h2 id="balances-heading" className="text-lg font-semibold">
          Ready to withdraw
        </h2>
        <p className="max-w-2xl text-sm text-muted">
          When an order pays you (a sale, a refund, a split or an arbiter fee), the escrow credits the money here. It
          is yours, but it stays in the escrow until you withdraw it.
        </p>
      </div>
      <div aria-live="polite" aria-busy={isPending}>
        {isPending ? (
          <div className="flex flex-col gap-3 px-5 py-4 sm:px-6">
            <span className="sr-only">Loading your balances…</span>
            <Skeleton className="h-6 w-48" />
          </div>
        ) : isError ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 px-5 py-4 text-sm sm:px-6">
            <span className="text-danger">Your balances could not be loaded from the chain.</span>
            <Button size="sm" variant="secondary" onClick={() => void refetch()}>
              Try again
            </Button>
          </div>
        ) : waiting.length === 0 ? (
          <p className="flex items-center gap-3 px-5 py-4 text-sm text-muted sm:px-6">
            <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-surface-muted">
              ✓
            </span>
            Nothing to withdraw right now. Payouts from your orders will appear here.
          </p>
        ) : (
          <>
            <ul className="divide-y divide-border">
              {waiting.map((credit) => (
                <CreditRow key={credit.token} credit={credit} account={account} />
              ))}
            </ul>
            {credits !== undefined && credits.length > waiting.length && (
              <p className="border-t border-border px-5 py-3 text-xs text-muted sm:px-6">
                Nothing waiting in{" "}
                {credits
                  .filter((credit) => credit.amount === 0n)
                  .map((credit, i, all) => (
                    <span key={credit.token}>
                      <TokenSymbol token={credit.token} />
                      {i < all.length - 2 ? ", " : i === all.length - 2 ? " or " : ""}
                    </span>
                  ))}
                .
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function CreditRow({ credit, account }: { credit: Credit; account: Address }) {
  const { withdraw: withdrawCredit } = useWithdraw();
  const info = useToken(credit.token);
  const [busy, setBusy] = useState(false);
  const [elsewhere, setElsewhere] = useState(false);
  const amountText = info === undefined ? "" : `${formatAmount(credit.amount, info.decimals)} ${info.symbol}`;
  const formId = `withdraw-to-${credit.token}`;

  const withdraw = async () => {
    setBusy(true);
    await withdrawCredit(credit, amountText);
    setBusy(false);
  };

  return (
    <li className="flex flex-col gap-3 px-5 py-4 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:gap-4">
        <div className="min-w-0 flex-1">
          <p className="text-xl font-semibold tabular-nums">
            <TokenAmount amount={credit.amount} token={credit.token} />
          </p>
          {info !== undefined && <p className="text-xs text-muted">{info.name}</p>}
        </div>
        <div className="grid grid-cols-2 gap-2 sm:flex">
          <Button variant="secondary" aria-expanded={elsewhere} aria-controls={formId} onClick={() => setElsewhere((open) => !open)}>
            To another address
            <span aria-hidden="true" className={`text-xs transition-transform ${elsewhere ? "rotate-180" : ""}`}>
              ▾
            </span>
          </Button>
          <Button busy={busy} onClick={() => void withdraw()}>
            Withdraw
          </Button>
        </div>
      </div>
      <div id={formId} hidden={!elsewhere}>
        {elsewhere && <WithdrawToForm credit={credit} account={account} amountText={amountText} onDone={() => setElsewhere(false)} />}
      </div>
    </li>
  );
}

function TokenSymbol({ token }: { token: Address }) {
  const info = useToken(token);
  return <>{info?.symbol ?? "…"}</>;
}
