import { reputationAbi } from "@souk/sdk/contracts";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { usePublicClient, useReadContract, useReadContracts } from "wagmi";

import { contracts, requireContracts } from "../../lib/deployment.ts";
import type { RatingFlags } from "@souk/sdk/order-rules";

type Status = readonly [boolean, boolean, boolean, boolean];

/** Which side of an ended order has rated (reputation.ratingStatus); undefined while loading or not needed. */
export function useRatingStatus(orderId: bigint, enabled: boolean): RatingFlags | undefined {
  const { data } = useReadContract({
    address: contracts?.reputation,
    abi: reputationAbi,
    functionName: "ratingStatus",
    args: [orderId],
    query: { enabled: enabled && contracts !== undefined },
  });
  return data === undefined ? undefined : { buyerRated: data[0], sellerRated: data[1] };
}

/** Rating status of many orders in one batched request, keyed by order id. */
export function useRatingStatuses(orderIds: readonly bigint[]): Map<bigint, RatingFlags> {
  const { data } = useReadContracts({
    contracts: orderIds.map((orderId) => ({
      address: contracts?.reputation,
      abi: reputationAbi,
      functionName: "ratingStatus",
      args: [orderId],
    })) as never,
    allowFailure: true,
    query: { enabled: orderIds.length > 0 && contracts !== undefined },
  });
  const map = new Map<bigint, RatingFlags>();
  (data as Array<{ status: string; result?: Status }> | undefined)?.forEach((entry, i) => {
    if (entry.status === "success" && entry.result !== undefined) {
      map.set(orderIds[i]!, { buyerRated: entry.result[0], sellerRated: entry.result[1] });
    }
  });
  return map;
}

export interface GivenRating {
  score: number;
  reviewDigest: Hex;
  ratee: Address;
}

const RATED = reputationAbi.find((item) => item.type === "event" && item.name === "Rated")!;

/** The rating `rater` gave on an order (from the Rated event), or null when there is none. */
export function useGivenRating(orderId: bigint, rater: Address | undefined, enabled: boolean) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["given-rating", orderId.toString(), rater],
    enabled: enabled && client !== undefined && rater !== undefined,
    queryFn: async (): Promise<GivenRating | null> => {
      const c = requireContracts();
      const logs = await client!.getLogs({
        address: c.reputation,
        event: RATED as never,
        args: { orderId, rater } as never,
        fromBlock: c.deployBlock,
        toBlock: "latest",
      });
      const log = (logs as unknown as Array<{ args: { score: bigint; reviewDigest: Hex; ratee: Address } }>).at(-1);
      return log === undefined ? null : { score: Number(log.args.score), reviewDigest: log.args.reviewDigest, ratee: log.args.ratee };
    },
  });
}
