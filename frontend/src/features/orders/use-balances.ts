import { ETH, escrowAbi } from "@souk/sdk/contracts";
import { useMemo } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";

import { contracts } from "../../lib/deployment.ts";

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
export function useCredits(account: Address | undefined, extraTokens: readonly Address[]) {
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
