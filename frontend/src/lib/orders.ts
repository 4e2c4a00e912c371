/**
 * Orders as the escrow reports them (`getOrder`), and their history rebuilt from the escrow's events, which all
 * carry the order id as their first indexed argument.
 */
import { escrowAbi, ORDER_STATES, type OrderStateName } from "@souk/sdk/contracts";
import { numberToHex, parseEventLogs, type Address, type Hash, type Hex, type PublicClient } from "viem";

import type { Contracts } from "./deployment.ts";

export interface Order {
  id: bigint;
  listingId: bigint;
  buyer: Address;
  seller: Address;
  token: Address;
  amount: bigint;
  quantity: bigint;
  protocolFeeBps: bigint;
  arbiter: Address;
  arbiterFeeBps: bigint;
  state: OrderStateName;
  /** The deadline of the current state (fulfilment, confirmation or ruling); 0 once ended. */
  deadline: bigint;
  proposer: Address | undefined;
  proposedBuyerShareBps: bigint;
  /** While Disputed: the end of the seller's response window (the arbiter rules from then on, or once it answered). */
  responseDeadline: bigint;
  /** While Disputed: the seller has submitted evidence. */
  respondentHeard: boolean;
}

const ZERO = "0x0000000000000000000000000000000000000000";

export function toOrder(id: bigint, view: {
  listingId: bigint;
  buyer: Address;
  seller: Address;
  token: Address;
  amount: bigint;
  quantity: bigint;
  protocolFeeBps: bigint;
  arbiter: Address;
  arbiterFeeBps: bigint;
  state: number;
  deadline: bigint;
  proposer: Address;
  proposedBuyerShareBps: bigint;
  responseDeadline: bigint;
  respondentHeard: boolean;
}): Order {
  return {
    id,
    listingId: view.listingId,
    buyer: view.buyer,
    seller: view.seller,
    token: view.token,
    amount: view.amount,
    quantity: view.quantity,
    protocolFeeBps: view.protocolFeeBps,
    arbiter: view.arbiter,
    arbiterFeeBps: view.arbiterFeeBps,
    state: ORDER_STATES[view.state] ?? "None",
    deadline: view.deadline,
    proposer: view.proposer === ZERO ? undefined : view.proposer,
    proposedBuyerShareBps: view.proposedBuyerShareBps,
    responseDeadline: view.responseDeadline,
    respondentHeard: view.respondentHeard,
  };
}

export async function readOrders(client: PublicClient, contracts: Contracts, ids: readonly bigint[]): Promise<Order[]> {
  const views = await Promise.all(
    ids.map((id) => client.readContract({ address: contracts.escrow, abi: escrowAbi, functionName: "getOrder", args: [id] })),
  );
  return views.map((view, i) => toOrder(ids[i]!, view));
}

export interface TimelineEntry {
  name: string;
  args: Record<string, unknown>;
  blockNumber: bigint;
  transactionHash: Hash;
  timestamp: number;
}

/** Every escrow event of one order, oldest first, with block times. */
export async function readTimeline(client: PublicClient, contracts: Contracts, orderId: bigint): Promise<TimelineEntry[]> {
  const logs = await client.request({
    method: "eth_getLogs",
    params: [
      {
        address: contracts.escrow,
        topics: [null, numberToHex(orderId, { size: 32 })],
        fromBlock: numberToHex(contracts.deployBlock),
        toBlock: "latest",
      },
    ],
  });
  const parsed = parseEventLogs({
    abi: escrowAbi,
    logs: logs.map((log) => ({
      ...log,
      blockNumber: BigInt(log.blockNumber!),
      logIndex: Number(log.logIndex),
      transactionIndex: Number(log.transactionIndex),
    })) as never,
  });
  const times = new Map<bigint, number>();
  for (const blockNumber of new Set(parsed.map((log) => log.blockNumber))) {
    const block = await client.getBlock({ blockNumber });
    times.set(blockNumber, Number(block.timestamp));
  }
  return parsed.map((log) => ({
    name: log.eventName,
    args: log.args as unknown as Record<string, unknown>,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    timestamp: times.get(log.blockNumber) ?? 0,
  }));
}

export type OrderRole = "buyer" | "seller" | "arbiter";

/** Ids of the orders where `account` is the buyer, the seller, or the arbiter of a dispute; newest first. */
export async function readOrderIds(
  client: PublicClient,
  contracts: Contracts,
  role: OrderRole,
  account: Address,
): Promise<bigint[]> {
  const event =
    role === "arbiter"
      ? escrowAbi.find((item) => item.type === "event" && item.name === "DisputeOpened")!
      : escrowAbi.find((item) => item.type === "event" && item.name === "OrderPlaced")!;
  const logs = await client.getLogs({
    address: contracts.escrow,
    event: event as never,
    args: { [role]: account } as never,
    fromBlock: contracts.deployBlock,
    toBlock: "latest",
  });
  const ids = logs.map((log) => (log as unknown as { args: { orderId: bigint } }).args.orderId);
  return [...new Set(ids)].reverse();
}

export function isOpen(order: Pick<Order, "state">): boolean {
  return order.state === "Funded" || order.state === "Fulfilled" || order.state === "Disputed";
}

export type { Hex };
