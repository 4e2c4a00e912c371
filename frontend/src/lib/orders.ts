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

/** An order's event with the order it belongs to and its place in the block. */
export interface OrderLogEntry extends TimelineEntry {
  orderId: bigint;
  logIndex: number;
}

/** Block times are fixed once mined: kept for the session. */
const blockTimes = new Map<bigint, number>();

/** Every escrow event of the orders `orderIds`, oldest first, with block times (range-splitting reads). */
export async function readOrderLogs(client: PublicClient, contracts: Contracts, orderIds: readonly bigint[]): Promise<OrderLogEntry[]> {
  if (orderIds.length === 0) return [];
  const logs = await getRawLogs(client, {
    address: contracts.escrow,
    topics: [null, orderIds.map((id) => numberToHex(id, { size: 32 }))],
    fromBlock: contracts.deployBlock,
    toBlock: await client.getBlockNumber({ cacheTime: 0 }),
  });
  const parsed = parseEventLogs({ abi: escrowAbi, logs: logs.filter(isMined) });
  for (const blockNumber of new Set(parsed.map((log) => log.blockNumber))) {
    if (!blockTimes.has(blockNumber)) blockTimes.set(blockNumber, Number((await client.getBlock({ blockNumber })).timestamp));
  }
  // Every order event carries the order id first; the governance events (fee recipient, ownership) never match.
  return parsed.flatMap((log) => {
    if (!("orderId" in log.args)) return [];
    const entry: OrderLogEntry = {
      orderId: log.args.orderId,
      name: log.eventName,
      args: { ...log.args },
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
      timestamp: blockTimes.get(log.blockNumber) ?? 0,
    };
    return [entry];
  });
}

/** Every escrow event of one order, oldest first, with block times. */
export function readTimeline(client: PublicClient, contracts: Contracts, orderId: bigint): Promise<TimelineEntry[]> {
  return readOrderLogs(client, contracts, [orderId]);
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

/** One order a buyer placed on a listing, as its OrderPlaced event recorded it, with the order's state now. */
export interface Purchase {
  orderId: bigint;
  quantity: bigint;
  amount: bigint;
  /** The listing version bought (protocol v2 records it in OrderPlaced). */
  listingVersion: bigint;
  state: OrderStateName;
}

/**
 * The orders `buyer` placed on `listingId`, newest first: OrderPlaced filtered by the indexed buyer (the listing id
 * is in the event's data), then each order's current state. What a reloaded listing page needs to say "you bought
 * this" however the purchase started.
 */
export async function readPurchases(client: PublicClient, contracts: Contracts, buyer: Address, listingId: bigint): Promise<Purchase[]> {
  const logs = await getEventLogs(client, { address: contracts.escrow, event: ORDER_PLACED, args: { buyer }, fromBlock: contracts.deployBlock });
  const placed = logs.map((log) => log.args).filter((args) => args.listingId === listingId).reverse();
  const orders = await readOrders(client, contracts, placed.map((args) => args.orderId));
  return placed.map((args, i) => ({
    orderId: args.orderId,
    quantity: args.quantity,
    amount: args.amount,
    listingVersion: args.listingVersion,
    state: orders[i]!.state,
  }));
}
