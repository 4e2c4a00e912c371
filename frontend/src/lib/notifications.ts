/**
 * What the header's bell lists: the escrow's events of the orders that concern the connected account (never the
 * account's own actions), deadlines that fall on it within 24 hours, and messages from others. Pure functions of
 * their inputs, so that they are tested without a chain.
 */
import { orderLabel } from "@souk/sdk/contracts";
import type { Address } from "viem";

import type { Order } from "./orders.ts";

export type NotificationKind =
  | "message"
  | "new-order"
  | "shipped"
  | "declined"
  | "confirmed"
  | "cancelled"
  | "disputed"
  | "evidence"
  | "proposal"
  | "settled"
  | "ruling"
  | "deadline"
  | "saved-search";

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  href: string;
  /** Seconds since the epoch (chain time for chain events). */
  at: number;
}

export interface OrderEvent {
  orderId: bigint;
  name: string;
  args: Record<string, unknown>;
  transactionHash: string;
  logIndex: number;
  timestamp: number;
}

type Role = "buyer" | "seller" | "arbiter";
const same = (a: unknown, b: string) => typeof a === "string" && a.toLowerCase() === b.toLowerCase();

function rolesOf(order: Order, me: Address): Set<Role> {
  const roles = new Set<Role>();
  if (same(order.buyer, me)) roles.add("buyer");
  if (same(order.seller, me)) roles.add("seller");
  if (same(order.arbiter, me) && (order.state === "Disputed" || order.state === "Ruled" || order.state === "Settled")) roles.add("arbiter");
  return roles;
}

/** Who is told about each event (the one who acted is not). */
const AUDIENCE: Record<string, { kind: NotificationKind; to: Role[]; title: (id: string) => string }> = {
  OrderPlaced: { kind: "new-order", to: ["seller"], title: (id) => `New order ${id}` },
  OrderFulfilled: { kind: "shipped", to: ["buyer"], title: (id) => `Order ${id} was shipped` },
  OrderDeclined: { kind: "declined", to: ["buyer"], title: (id) => `Order ${id} was declined: you are refunded` },
  OrderCompleted: { kind: "confirmed", to: ["seller"], title: (id) => `Order ${id} is complete: payment released` },
  OrderCancelled: { kind: "cancelled", to: ["seller"], title: (id) => `Order ${id} was cancelled after its deadline` },
  DisputeOpened: { kind: "disputed", to: ["seller", "arbiter"], title: (id) => `A dispute was opened on order ${id}` },
  EvidenceSubmitted: { kind: "evidence", to: ["buyer", "seller", "arbiter"], title: (id) => `New evidence on order ${id}` },
  SettlementProposed: { kind: "proposal", to: ["buyer", "seller"], title: (id) => `A settlement was proposed on order ${id}` },
  OrderSettled: { kind: "settled", to: ["buyer", "seller", "arbiter"], title: (id) => `Order ${id} was settled` },
  OrderRuled: { kind: "ruling", to: ["buyer", "seller"], title: (id) => `The arbiter ruled on order ${id}` },
};

/** The account that acted, where the event names it (so that nobody is told about their own action). */
function actorOf(event: OrderEvent): unknown {
  return event.args.author ?? event.args.proposer;
}

export function chainNotifications(events: readonly OrderEvent[], orders: ReadonlyMap<bigint, Order>, me: Address): AppNotification[] {
  const out: AppNotification[] = [];
  for (const event of events) {
    const rule = AUDIENCE[event.name];
    const order = orders.get(event.orderId);
    if (rule === undefined || order === undefined) continue;
    const roles = rolesOf(order, me);
    if (event.name === "DisputeOpened" && same(event.args.arbiter, me)) roles.add("arbiter");
    if (!rule.to.some((role) => roles.has(role)) || same(actorOf(event), me)) continue;
    const label = orderLabel(event.orderId);
    out.push({
      id: `${event.transactionHash}:${event.logIndex}`,
      kind: rule.kind,
      title: rule.title(label),
      body: event.name === "OrderCompleted" && event.args.byTimeout === true ? "Completed after the confirmation window passed." : "",
      href: `/orders/${event.orderId}`,
      at: event.timestamp,
    });
  }
  return out;
}

const DAY = 24 * 60 * 60;

/** Deadlines that fall on the account within 24 hours: ship, confirm or object, rule. */
export function deadlineNotifications(orders: Iterable<Order>, me: Address, now: number): AppNotification[] {
  const out: AppNotification[] = [];
  for (const order of orders) {
    const left = Number(order.deadline) - now;
    if (order.deadline === 0n || left <= 0 || left > DAY) continue;
    const roles = rolesOf(order, me);
    const hours = Math.max(1, Math.round(left / 3600));
    const due =
      order.state === "Funded" && roles.has("seller")
        ? `Ship order ${orderLabel(order.id)} or decline it`
        : order.state === "Fulfilled" && roles.has("buyer")
          ? `Confirm order ${orderLabel(order.id)} or open a dispute`
          : order.state === "Disputed" && same(order.arbiter, me)
            ? `Rule on order ${orderLabel(order.id)}`
            : undefined;
    if (due === undefined) continue;
    out.push({
      id: `deadline:${order.id}:${order.state}:${order.deadline}`,
      kind: "deadline",
      title: `${due} within ${hours} hour${hours === 1 ? "" : "s"}`,
      body: "",
      href: `/orders/${order.id}`,
      at: Number(order.deadline) - DAY,
    });
  }
  return out;
}

export function messageNotifications(
  messages: ReadonlyArray<{ id: string; author: string; createdAt: number; href: string; preview: string }>,
  myKey: string | undefined,
): AppNotification[] {
  return messages
    .filter((m) => m.author !== myKey)
    .map((m) => ({ id: `message:${m.id}`, kind: "message" as const, title: "New message", body: m.preview, href: m.href, at: m.createdAt }));
}

/** Newest first. */
export function byNewest(a: AppNotification, b: AppNotification): number {
  return b.at - a.at || (a.id < b.id ? -1 : 1);
}
