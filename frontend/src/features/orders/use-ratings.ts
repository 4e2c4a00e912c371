import { reputationAbi } from "@souk/sdk/contracts";
import { useQuery } from "@tanstack/react-query";
import { getAbiItem, type Address, type Hex } from "viem";
import { useClient, useReadContract, useReadContracts } from "wagmi";

import { contracts, requireContracts } from "../../lib/deployment.ts";
import { getEventLogs } from "../../lib/event-logs.ts";
import type { RatingFlags } from "@souk/sdk/order-rules";

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
  const reputation = contracts?.reputation;
  const { data } = useReadContracts({
    contracts:
      reputation === undefined
        ? []
        : orderIds.map((orderId) => ({ address: reputation, abi: reputationAbi, functionName: "ratingStatus", args: [orderId] }) as const),
    allowFailure: true,
    query: { enabled: orderIds.length > 0 && reputation !== undefined },
  });
  const map = new Map<bigint, RatingFlags>();
  data?.forEach((entry, i) => {
    if (entry.status === "success") map.set(orderIds[i]!, { buyerRated: entry.result[0], sellerRated: entry.result[1] });
  });
  return map;
}

export interface GivenRating {
  score: number;
  reviewDigest: Hex;
  ratee: Address;
}

const RATED = getAbiItem({ abi: reputationAbi, name: "Rated" });

/** The rating `rater` gave on an order (from the Rated event), or null when there is none. */
export function useGivenRating(orderId: bigint, rater: Address | undefined, enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: ["given-rating", orderId.toString(), rater],
    enabled: enabled && client !== undefined && rater !== undefined,
    queryFn: async (): Promise<GivenRating | null> => {
      const c = requireContracts();
      const logs = await getEventLogs(client!, { address: c.reputation, event: RATED, args: { orderId, rater }, fromBlock: c.deployBlock });
      const log = logs.at(-1);
      return log === undefined ? null : { score: Number(log.args.score), reviewDigest: log.args.reviewDigest, ratee: log.args.ratee };
    },
  });
}
