import { useState } from "react";
import { Link } from "react-router";
import type { Address } from "viem";

import { creditText, useCredits, useWithdraw } from "../hooks/use-credits.ts";
import { Button } from "./button.tsx";

/**
 * Money the escrow holds for the connected account (sales, refunds, splits, arbiter fees) in the tokens Souk knows,
 * shown in the header whenever there is some, with one button that withdraws all of it to the wallet (one
 * transaction per token). Nothing shows when nothing waits.
 */
export function HeaderCredits({ account }: { account: Address }) {
  const { credits } = useCredits(account);
  const { withdrawAll, progress } = useWithdraw();
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const waiting = credits?.filter((credit) => credit.amount > 0n) ?? [];
  if (waiting.length === 0 && progress === undefined && outcome === undefined) return null;

  const texts = waiting.map(creditText);
  const summary = texts.length === 0 ? "Nothing left to withdraw" : `To withdraw: ${texts.join(", ")}`;
  const run = async () => {
    setOutcome(undefined);
    const result = await withdrawAll(waiting);
    if (result.failed === undefined) setOutcome(result.of === 1 ? "Withdrawn to your wallet." : `All ${result.of} withdrawn to your wallet.`);
    else setOutcome(result.done === 0 ? "Nothing was withdrawn." : `${result.done} of ${result.of} withdrawn; the rest is still here.`);
  };

  return (
    // Closing the panel after everything was withdrawn lets the button go.
    <details className="relative" onToggle={(event) => !event.currentTarget.open && setOutcome(undefined)}>
      <summary
        className="flex cursor-pointer list-none items-center gap-1.5 rounded-[var(--radius-control)] border border-success/40 bg-success-soft px-2.5 py-1.5 text-sm font-medium text-success"
        aria-label={summary}
      >
        <span aria-hidden="true">↧</span>
        <span className="hidden tabular-nums md:inline">{texts[0] ?? "Withdrawn"}</span>
        {texts.length > 1 && <span className="hidden text-xs md:inline">+{texts.length - 1}</span>}
      </summary>
      <div className="card absolute right-0 z-20 mt-2 flex w-72 flex-col gap-3 p-4 text-sm" data-action-panel>
        <div>
          <p className="font-semibold">Waiting for you in the escrow</p>
          <p className="text-xs text-muted">Payouts stay in the escrow until you withdraw them.</p>
        </div>
        {texts.length > 0 && (
          <ul className="flex flex-col gap-1" aria-label="Money to withdraw">
            {texts.map((text) => (
              <li key={text} className="font-semibold tabular-nums">
                {text}
              </li>
            ))}
          </ul>
        )}
        {waiting.length > 0 && (
          <Button busy={progress !== undefined} onClick={() => void run()}>
            {progress === undefined
              ? waiting.length === 1
                ? "Withdraw all"
                : `Withdraw all (${waiting.length} transactions)`
              : `Withdrawing ${progress.done + 1} of ${progress.of}…`}
          </Button>
        )}
        {outcome !== undefined && (
          <p role="status" className="text-muted">
            {outcome}
          </p>
        )}
        <Link to="/orders" className="text-brand underline">
          Withdraw to another address
        </Link>
      </div>
    </details>
  );
}
