import { ETH, escrowAbi } from "@souk/sdk/contracts";
import { formatAmount } from "@souk/sdk/format";
import { useCallback, useMemo, useState } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";

import { contracts, requireContracts } from "../lib/deployment.ts";
import type { TransactionResult } from "../lib/transaction.ts";
import { knownToken } from "./use-token.ts";
import { useTransactor } from "./use-transactor.ts";

export interface Credit {
  token: Address;
  amount: bigint;
}

/** ETH first, then the deployment's tokens, then any other token, each once (addresses compared case-insensitively). */
export function balanceTokens(extra: readonly Address[]): Address[] {
  const seen = new Set<string>();
  const out: Address[] = [];
  for (const token of [ETH, ...(contracts?.record.tokens.map((t) => t.address as Address) ?? []), ...extra]) {
    const key = token.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(token);
  }
  return out;
}

/** What the escrow has credited to `account` (escrow.creditOf) in ETH, the deployment's tokens and `extraTokens`. */
export function useCredits(account: Address | undefined, extraTokens: readonly Address[] = []) {
  // Keyed by content, not identity: callers pass a fresh array on every render.
  const key = extraTokens.map((t) => t.toLowerCase()).sort().join(",");
  const tokens = useMemo(() => balanceTokens(key === "" ? [] : (key.split(",") as Address[])), [key]);
  const escrow = contracts?.escrow;
  const query = useReadContracts({
    contracts:
      escrow === undefined || account === undefined
        ? []
        : tokens.map((token) => ({ address: escrow, abi: escrowAbi, functionName: "creditOf", args: [account, token] }) as const),
    allowFailure: false,
    query: { enabled: account !== undefined && escrow !== undefined, refetchInterval: 8_000 },
  });
  const credits: Credit[] | undefined = query.data?.map((amount, i) => ({ token: tokens[i]!, amount }));
  return { ...query, credits };
}

/** "0.49 ETH" for a credit in a token the deployment knows; the address for another. */
export function creditText(credit: Credit): string {
  const info = knownToken(credit.token);
  return info === undefined ? `${credit.amount} of token ${credit.token}` : `${formatAmount(credit.amount, info.decimals)} ${info.symbol}`;
}

/**
 * Withdrawing credits to the connected wallet through the transaction helper: one token (`withdraw`), or every token
 * with a credit, one `withdraw` each, in turn (`withdrawAll`: stops at the first that does not go through, and says
 * which of them are done).
 */
export function useWithdraw() {
  const transact = useTransactor();
  const withdraw = useCallback(
    (credit: Credit, label = creditText(credit)): Promise<TransactionResult> =>
      transact({ address: requireContracts().escrow, abi: escrowAbi, functionName: "withdraw", args: [credit.token], description: `Withdraw ${label}` }),
    [transact],
  );
  const [progress, setProgress] = useState<{ done: number; of: number } | undefined>(undefined);
  const withdrawAll = useCallback(
    async (credits: readonly Credit[]): Promise<{ done: number; of: number; failed?: TransactionResult }> => {
      const waiting = credits.filter((credit) => credit.amount > 0n);
      let done = 0;
      try {
        for (const credit of waiting) {
          setProgress({ done, of: waiting.length });
          const result = await withdraw(credit);
          if (!result.ok) return { done, of: waiting.length, failed: result };
          done += 1;
        }
        return { done, of: waiting.length };
      } finally {
        setProgress(undefined);
      }
    },
    [withdraw],
  );
  return { withdraw, withdrawAll, progress };
}
