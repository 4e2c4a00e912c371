import { orderLabel } from "@souk/sdk/contracts";
import type { Viewer } from "@souk/sdk/order-rules";
import { Link } from "react-router";

import { AddressView } from "../../components/address.tsx";
import { Countdown } from "../../components/countdown.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { isOpen, type Order } from "../../lib/orders.ts";
import { deadlineInfo, type NextStep } from "./order-rules.ts";
import { ClockIcon } from "../../components/clock-icon.tsx";
import { ItemThumb, useOrderItem } from "../../components/order-item.tsx";
import { StateBadge } from "../../components/state-badge.tsx";

/** One order in a list: what, state, money, the other party, the running deadline, and whether it needs the viewer. */
export function OrderCard({ order, viewer, step }: { order: Order; viewer: Viewer; step: NextStep }) {
  const item = useOrderItem(order.listingId);
  const deadline = isOpen(order) ? deadlineInfo(order, viewer) : undefined;
  const needsAction = step.kind === "action";
  const counterparty = viewer === "seller" ? { label: "Buyer", address: order.buyer } : { label: "Seller", address: order.seller };
  return (
    <li>
      <article className={`card relative overflow-hidden transition-shadow hover:shadow-md ${needsAction ? "border-brand" : ""}`}>
        {needsAction && (
          <p className="flex items-center gap-2 bg-brand-soft px-4 py-2 text-sm font-semibold text-brand sm:px-5">
            <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-brand" />
            <span>
              Needs your action<span className="font-normal">: {step.title}</span>
            </span>
          </p>
        )}
        <div className="flex gap-4 p-4 sm:p-5">
          <ItemThumb item={item} className="size-16 sm:size-20" />
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <h3 className="min-w-0 font-semibold break-words">
                <Link to={`/orders/${order.id}`} className="after:absolute after:inset-0 after:content-[''] hover:underline">
                  {item.title}
                </Link>
              </h3>
              <span className="font-mono text-xs text-muted">Order {orderLabel(order.id)}</span>
            </div>
            <StateBadge state={order.state} withLine />
            <div className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm text-muted">
              <span>
                <TokenAmount amount={order.amount} token={order.token} className="font-semibold text-text" />
                {" · "}
                {order.quantity.toString()} {order.quantity === 1n ? "unit" : "units"}
              </span>
              <span className="relative z-10 inline-flex items-center gap-1">
                {counterparty.label} <AddressView address={counterparty.address} />
              </span>
              {deadline !== undefined && (
                <span className="inline-flex items-center gap-1">
                  <ClockIcon />
                  <Countdown deadline={order.deadline} label={deadline.label} />
                </span>
              )}
            </div>
          </div>
          <span aria-hidden="true" className="hidden self-center text-2xl text-muted sm:block">
            ›
          </span>
        </div>
      </article>
    </li>
  );
}
