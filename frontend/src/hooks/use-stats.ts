import { reputationAbi } from "@souk/sdk/contracts";
import { averageRating } from "@souk/sdk/format";
import { useQuery } from "@tanstack/react-query";
import { decodeFunctionResult, encodeFunctionData, type Address, type Client } from "viem";
import { useClient, useReadContract } from "wagmi";

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

/**
 * Stats of many accounts with raw `eth_call`s on wagmi's bare client, which the transport batches into one HTTP
 * request. The browse page shows sellers' ratings on first load: going through viem's call action and multicall
 * would add about 17 KB gzip (deployless-call bytecode, multicall ABI) to the JavaScript it downloads first.
 */
export async function readStatsMany(client: Client, reputation: Address, accounts: readonly Address[]): Promise<Map<string, AccountStats>> {
  const results = await Promise.allSettled(
    accounts.map(async (account) => {
      const data = await client.request({
        method: "eth_call",
        params: [{ to: reputation, data: encodeFunctionData({ abi: reputationAbi, functionName: "statsOf", args: [account] }) }, "latest"],
      });
      return decodeFunctionResult({ abi: reputationAbi, functionName: "statsOf", data });
    }),
  );
  const map = new Map<string, AccountStats>();
  results.forEach((result, i) => {
    if (result.status === "fulfilled") map.set(accounts[i]!.toLowerCase(), toStats(result.value));
  });
  return map;
}

const NO_STATS: Map<string, AccountStats> = new Map();

/** Stats of several accounts at once (one batched HTTP request), keyed by lower-case address. */
export function useStatsMany(accounts: readonly Address[]): Map<string, AccountStats> {
  const client = useClient();
  const reputation = contracts?.reputation;
  const { data } = useQuery({
    queryKey: ["stats-many", reputation, accounts.map((a) => a.toLowerCase()).join()],
    queryFn: () => readStatsMany(client!, reputation!, accounts),
    enabled: accounts.length > 0 && reputation !== undefined && client !== undefined,
    staleTime: 10_000,
    refetchInterval: 15_000,
  });
  return data ?? NO_STATS;
}
