import { averageRating } from "@souk/sdk/format";
import { reputationAbi } from "@souk/sdk/contracts";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";

import { contracts } from "../lib/deployment.ts";

export interface RoleStats {
  ratings: number;
  average: number | undefined;
  completed: number;
}

export interface AccountStats {
  asSeller: RoleStats;
  asBuyer: RoleStats;
}

type RawStats = {
  ratingsAsSeller: bigint;
  scoreSumAsSeller: bigint;
  completedAsSeller: bigint;
  ratingsAsBuyer: bigint;
  scoreSumAsBuyer: bigint;
  completedAsBuyer: bigint;
};

export function toStats(raw: RawStats): AccountStats {
  return {
    asSeller: {
      ratings: Number(raw.ratingsAsSeller),
      average: averageRating(raw.scoreSumAsSeller, raw.ratingsAsSeller),
      completed: Number(raw.completedAsSeller),
    },
    asBuyer: {
      ratings: Number(raw.ratingsAsBuyer),
      average: averageRating(raw.scoreSumAsBuyer, raw.ratingsAsBuyer),
      completed: Number(raw.completedAsBuyer),
    },
  };
}

/** An account's ratings and completed orders as seller and as buyer (one call to the Reputation contract). */
export function useStats(account: Address | undefined) {
  const result = useReadContract({
    address: contracts?.reputation,
    abi: reputationAbi,
    functionName: "statsOf",
    args: account === undefined ? undefined : [account],
    query: { enabled: account !== undefined && contracts !== undefined, refetchInterval: 8_000 },
  });
  return { ...result, stats: result.data === undefined ? undefined : toStats(result.data) };
}

/** Stats of several accounts at once (batched into one RPC request). */
export function useStatsMany(accounts: readonly Address[]): Map<string, AccountStats> {
  const reputation = contracts?.reputation;
  const { data } = useReadContracts({
    contracts:
      reputation === undefined
        ? []
        : accounts.map((account) => ({ address: reputation, abi: reputationAbi, functionName: "statsOf", args: [account] }) as const),
    allowFailure: true,
    query: { enabled: accounts.length > 0 && reputation !== undefined, staleTime: 10_000, refetchInterval: 15_000 },
  });
  const map = new Map<string, AccountStats>();
  data?.forEach((entry, i) => {
    if (entry.status === "success") map.set(accounts[i]!.toLowerCase(), toStats(entry.result));
  });
  return map;
}
