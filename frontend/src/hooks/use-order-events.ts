import { useQuery } from "@tanstack/react-query";
import type { Address, PublicClient } from "viem";
import { usePublicClient } from "wagmi";

import { requireContracts, type Contracts } from "../lib/deployment.ts";
import type { OrderEvent } from "../lib/notifications.ts";
import { readOrderIds, readOrderLogs, readOrders, type Order } from "../lib/orders.ts";

/** The orders where the account is buyer, seller or arbiter, and every escrow event of them, oldest first. */
export async function readOrderEvents(client: PublicClient, contracts: Contracts, account: Address): Promise<{ orders: Map<bigint, Order>; events: OrderEvent[] }> {
  const ids = [
    ...new Set((await Promise.all((["buyer", "seller", "arbiter"] as const).map((role) => readOrderIds(client, contracts, role, account)))).flat()),
  ];
  if (ids.length === 0) return { orders: new Map(), events: [] };
  const orders = await readOrders(client, contracts, ids);
  const events = (await readOrderLogs(client, contracts, ids)).map(
    ({ orderId, name, args, transactionHash, logIndex, timestamp }) => ({ orderId, name, args, transactionHash, logIndex, timestamp }),
  );
  return { orders: new Map(orders.map((order) => [order.id, order])), events };
}

export function useOrderEvents(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["order-events", account],
    enabled: client !== undefined && account !== undefined,
    queryFn: () => readOrderEvents(client!, requireContracts(), account!),
    refetchInterval: 4_000,
  });
}
