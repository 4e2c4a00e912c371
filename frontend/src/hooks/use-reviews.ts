import { reputationAbi, ROLES, type RoleName } from "@souk/sdk/contracts";
import { useQuery } from "@tanstack/react-query";
import type { Address, Hex } from "viem";
import { usePublicClient } from "wagmi";

import { requireContracts } from "../lib/deployment.ts";

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

const RATED = reputationAbi.find((item) => item.type === "event" && item.name === "Rated")!;
const REPLIED = reputationAbi.find((item) => item.type === "event" && item.name === "Replied")!;

/** Ratings an account received (newest first), each with the ratee's reply when there is one. */
export function useReviewsOf(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["reviews", account],
    enabled: client !== undefined && account !== undefined,
    refetchInterval: 8_000,
    queryFn: async (): Promise<ReviewEntry[]> => {
      const contracts = requireContracts();
      const [rated, replied] = await Promise.all([
        client!.getLogs({
          address: contracts.reputation,
          event: RATED as never,
          args: { ratee: account } as never,
          fromBlock: contracts.deployBlock,
          toBlock: "latest",
        }),
        client!.getLogs({
          address: contracts.reputation,
          event: REPLIED as never,
          args: { author: account } as never,
          fromBlock: contracts.deployBlock,
          toBlock: "latest",
        }),
      ]);
      const replies = new Map<bigint, { author: Address; digest: Hex }>();
      for (const log of replied as unknown as Array<{ args: { orderId: bigint; author: Address; replyDigest: Hex } }>) {
        replies.set(log.args.orderId, { author: log.args.author, digest: log.args.replyDigest });
      }
      return (
        rated as unknown as Array<{
          args: { orderId: bigint; rater: Address; ratee: Address; rateeRole: number; score: bigint; reviewDigest: Hex };
          blockNumber: bigint;
        }>
      )
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
