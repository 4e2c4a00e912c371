/**
 * How an order's state reads to people: a short badge label, a colour tone and one line on what it means. Shared by
 * the orders and disputes pages (candidate for components/: it imports nothing feature-specific).
 */
import type { OrderStateName } from "@souk/sdk/contracts";

export type Tone = "brand" | "warning" | "success" | "danger" | "neutral";

export const TONE_CLASSES: Record<Tone, string> = {
  brand: "bg-brand-soft text-brand",
  warning: "bg-warning-soft text-warning",
  success: "bg-success-soft text-success",
  danger: "bg-danger-soft text-danger",
  neutral: "bg-surface-muted text-muted",
};

export const STATE_INFO: Record<OrderStateName, { label: string; tone: Tone; line: string }> = {
  None: { label: "Unknown", tone: "neutral", line: "This order does not exist." },
  Funded: { label: "Paid", tone: "brand", line: "Paid into escrow, waiting for the seller to ship or deliver." },
  Fulfilled: { label: "Fulfilled", tone: "brand", line: "Marked as shipped or delivered, waiting for the buyer to confirm." },
  Disputed: { label: "In dispute", tone: "warning", line: "The buyer opened a dispute: the arbiter decides how the payment is split." },
  Completed: { label: "Completed", tone: "success", line: "The payment was released to the seller." },
  Declined: { label: "Declined", tone: "neutral", line: "The seller declined the order and the buyer got a full refund." },
  Cancelled: { label: "Cancelled", tone: "neutral", line: "The seller did not ship in time and the buyer got a full refund." },
  Settled: { label: "Settled", tone: "success", line: "The payment was split between the buyer and the seller." },
  Ruled: { label: "Ruled", tone: "success", line: "The arbiter ruled on how the payment is split." },
};
