/**
 * Orders as the escrow reports them (`getOrder`), and their history rebuilt from the escrow's events, which all
 * carry the order id as their first indexed argument.
 */
import { escrowAbi, ORDER_STATES, type OrderStateName } from "@souk/sdk/contracts";
import { getAbiItem, numberToHex, parseEventLogs, type Address, type Client, type Hash, type Hex, type PublicClient } from "viem";

import type { Contracts } from "./deployment.ts";
import { getEventLogs } from "./event-logs.ts";
import { getRawLogs, isMined } from "./logs.ts";

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
  const toBlock = await client.getBlockNumber({ cacheTime: 0 });
  const logs = await getRawLogs(client, {
    address: contracts.escrow,
    topics: [null, numberToHex(orderId, { size: 32 })],
    fromBlock: contracts.deployBlock,
    toBlock,
  });
  const parsed = parseEventLogs({ abi: escrowAbi, logs: logs.filter(isMined) });
  const times = new Map<bigint, number>();
  for (const blockNumber of new Set(parsed.map((log) => log.blockNumber))) {
    const block = await client.getBlock({ blockNumber });
    times.set(blockNumber, Number(block.timestamp));
  }
  return parsed.map((log) => ({
    name: log.eventName,
    args: { ...log.args },
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    timestamp: times.get(log.blockNumber) ?? 0,
  }));
}

export type OrderRole = "buyer" | "seller" | "arbiter";

const ORDER_PLACED = getAbiItem({ abi: escrowAbi, name: "OrderPlaced" });
const DISPUTE_OPENED = getAbiItem({ abi: escrowAbi, name: "DisputeOpened" });

/** Ids of the orders where `account` is the buyer, the seller, or the arbiter of a dispute; newest first. */
export async function readOrderIds(
  client: Client,
  contracts: Contracts,
  role: OrderRole,
  account: Address,
): Promise<bigint[]> {
  const from = { address: contracts.escrow, fromBlock: contracts.deployBlock };
  const logs =
    role === "arbiter"
      ? await getEventLogs(client, { ...from, event: DISPUTE_OPENED, args: { arbiter: account } })
      : await getEventLogs(client, { ...from, event: ORDER_PLACED, args: role === "buyer" ? { buyer: account } : { seller: account } });
  const ids = logs.map((log) => log.args.orderId);
  return [...new Set(ids)].reverse();
}

export function isOpen(order: Pick<Order, "state">): boolean {
  return order.state === "Funded" || order.state === "Fulfilled" || order.state === "Disputed";
}

export type { Hex };
