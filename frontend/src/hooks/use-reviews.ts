import { reputationAbi, ROLES, type RoleName } from "@souk/sdk/contracts";
import { useQuery } from "@tanstack/react-query";
import { getAbiItem, type Address, type Hex } from "viem";
import { useClient } from "wagmi";

import { requireContracts } from "../lib/deployment.ts";
import { getEventLogs } from "../lib/event-logs.ts";

export interface ReviewEntry {
  orderId: bigint;
  rater: Address;
  ratee: Address;
  /** The role in which the ratee was rated. */
  role: RoleName;
  score: number;
  reviewDigest: Hex;
  reply: { author: Address; digest: Hex } | undefined;
  blockNumber: bigint;
}

const RATED = getAbiItem({ abi: reputationAbi, name: "Rated" });
const REPLIED = getAbiItem({ abi: reputationAbi, name: "Replied" });

/** Ratings an account received (newest first), each with the ratee's reply when there is one. */
export function useReviewsOf(account: Address | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: ["reviews", account],
    enabled: client !== undefined && account !== undefined,
    refetchInterval: 8_000,
    queryFn: async (): Promise<ReviewEntry[]> => {
      const contracts = requireContracts();
      const from = { address: contracts.reputation, fromBlock: contracts.deployBlock };
      const [rated, replied] = await Promise.all([
        getEventLogs(client!, { ...from, event: RATED, args: { ratee: account } }),
        getEventLogs(client!, { ...from, event: REPLIED, args: { author: account } }),
      ]);
      const replies = new Map<bigint, { author: Address; digest: Hex }>();
      for (const log of replied) replies.set(log.args.orderId, { author: log.args.author, digest: log.args.replyDigest });
      return rated
        .map((log) => ({
          orderId: log.args.orderId,
          rater: log.args.rater,
          ratee: log.args.ratee,
          role: ROLES[log.args.rateeRole] ?? "Seller",
          score: Number(log.args.score),
          reviewDigest: log.args.reviewDigest,
          reply: replies.get(log.args.orderId),
          blockNumber: log.blockNumber,
        }))
        .reverse();
    },
  });
}
