import type { Order } from "../../lib/orders.ts";

/**
 * The arbiter's queue: open disputes first, the most urgent ruling deadline on top; ended ones below, newest first
 * (the order they arrive in from useOrders).
 */
export function disputeQueue(orders: readonly Order[]): { open: Order[]; ended: Order[] } {
  const open = orders
    .filter((order) => order.state === "Disputed")
    .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id < b.id ? -1 : 1));
  const ended = orders.filter((order) => order.state !== "Disputed");
  return { open, ended };
}

/** The ?order= parameter of the arbiter page, when it names an order of the queue. */
export function selectedDispute(orders: readonly Order[] | undefined, raw: string | null): Order | undefined {
  if (orders === undefined || raw === null || !/^\d{1,78}$/.test(raw)) return undefined;
  const id = BigInt(raw);
  return orders.find((order) => order.id === id);
}
