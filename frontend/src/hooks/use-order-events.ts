import { escrowAbi } from "@souk/sdk/contracts";
import { useQuery } from "@tanstack/react-query";
import { numberToHex, parseEventLogs, type Address, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";

import { requireContracts, type Contracts } from "../lib/deployment.ts";
import type { OrderEvent } from "../lib/notifications.ts";
import { readOrderIds, readOrders, type Order } from "../lib/orders.ts";

const blockTimes = new Map<bigint, number>();

/** The orders where the account is buyer, seller or arbiter, and every escrow event of them, oldest first. */
export async function readOrderEvents(client: PublicClient, contracts: Contracts, account: Address): Promise<{ orders: Map<bigint, Order>; events: OrderEvent[] }> {
  const ids = [
    ...new Set((await Promise.all((["buyer", "seller", "arbiter"] as const).map((role) => readOrderIds(client, contracts, role, account)))).flat()),
  ];
  if (ids.length === 0) return { orders: new Map(), events: [] };
  const orders = await readOrders(client, contracts, ids);
  const logs = await client.request({
    method: "eth_getLogs",
    params: [
      {
        address: contracts.escrow,
        topics: [null, ids.map((id) => numberToHex(id, { size: 32 }))],
        fromBlock: numberToHex(contracts.deployBlock),
        toBlock: "latest",
      },
    ],
  });
  const parsed = parseEventLogs({
    abi: escrowAbi,
    logs: logs.map((log) => ({ ...log, blockNumber: BigInt(log.blockNumber!), logIndex: Number(log.logIndex), transactionIndex: Number(log.transactionIndex) })) as never,
  });
  for (const blockNumber of new Set(parsed.map((log) => log.blockNumber))) {
    if (!blockTimes.has(blockNumber)) blockTimes.set(blockNumber, Number((await client.getBlock({ blockNumber })).timestamp));
  }
  const events = parsed.map((log) => {
    const args = log.args as unknown as Record<string, unknown>;
    return {
      orderId: args.orderId as bigint,
      name: log.eventName,
      args,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
      timestamp: blockTimes.get(log.blockNumber) ?? 0,
    };
  });
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
