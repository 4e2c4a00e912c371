import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";

import { requireContracts } from "../lib/deployment.ts";
import { readIndexedOrders } from "../lib/indexed-orders.ts";
import { readOrderIds, readOrders, readPurchases, readTimeline, type OrderRole } from "../lib/orders.ts";
import { useIndexer } from "./use-indexer.ts";

/** One order's current state. */
export function useOrder(orderId: bigint | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["order", orderId?.toString()],
    enabled: client !== undefined && orderId !== undefined,
    queryFn: async () => (await readOrders(client!, requireContracts(), [orderId!]))[0]!,
    refetchInterval: 4_000,
  });
}

/** One order's events, oldest first. */
export function useOrderTimeline(orderId: bigint | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["order-timeline", orderId?.toString()],
    enabled: client !== undefined && orderId !== undefined,
    queryFn: () => readTimeline(client!, requireContracts(), orderId!),
    refetchInterval: 6_000,
  });
}

/**
 * The orders where `account` has `role`, newest first, with their current state: from the indexer while it answers,
 * otherwise from the chain's events and `getOrder`.
 */
export function useOrders(role: OrderRole, account: Address | undefined) {
  const client = usePublicClient();
  const indexer = useIndexer();
  return useQuery({
    queryKey: ["orders", role, account, indexer ?? "chain"],
    enabled: account !== undefined && (indexer !== undefined || client !== undefined),
    queryFn: async ({ signal }) => {
      if (indexer !== undefined) return readIndexedOrders(indexer, role, account!, signal);
      const contracts = requireContracts();
      const ids = await readOrderIds(client!, contracts, role, account!);
      return readOrders(client!, contracts, ids);
    },
    retry: indexer === undefined ? 3 : false,
    refetchInterval: 5_000,
  });
}

/** The orders `buyer` placed on `listingId` (newest first), read from the chain; refreshed while the page is open. */
export function usePurchases(buyer: Address | undefined, listingId: bigint) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["purchases", buyer, listingId.toString()],
    enabled: client !== undefined && buyer !== undefined,
    queryFn: () => readPurchases(client!, requireContracts(), buyer!, listingId),
    refetchInterval: 6_000,
  });
}
