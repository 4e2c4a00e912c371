import { orderLabel } from "@souk/sdk/contracts";
import { Link } from "react-router";

import { AddressView } from "../../components/address.tsx";
import { Countdown } from "../../components/countdown.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import type { Order } from "../../lib/orders.ts";
import { ClockIcon } from "../../components/clock-icon.tsx";
import { ItemThumb, useOrderItem } from "../../components/order-item.tsx";
import { StateBadge } from "../../components/state-badge.tsx";

/** A dispute in the arbiter's queue: the item, the money at stake, the two sides and the ruling deadline. */
export function DisputeCard({ order, now }: { order: Order; now: number }) {
  const item = useOrderItem(order.listingId);
  const open = order.state === "Disputed";
  const canRule = open && now < Number(order.deadline);
  return (
    <li>
      <article className={`card relative overflow-hidden transition-shadow hover:shadow-md ${canRule ? "border-warning/60" : ""}`}>
        <div className="flex gap-4 p-4 sm:p-5">
          <ItemThumb item={item} className="size-16 sm:size-20" />
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <h3 className="min-w-0 font-semibold break-words">
                <Link to={`/arbiter?order=${order.id}`} className="after:absolute after:inset-0 after:content-[''] hover:underline">
                  {item.title}
                </Link>
              </h3>
              <span className="font-mono text-xs text-muted">Order {orderLabel(order.id)}</span>
            </div>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
              <StateBadge state={order.state} />
              <TokenAmount amount={order.amount} token={order.token} className="font-semibold" />
              {open && (
                <span className={`inline-flex items-center gap-1 ${canRule ? "text-warning" : "text-danger"}`}>
                  <ClockIcon />
                  <Countdown deadline={order.deadline} label="Rule by" />
                </span>
              )}
            </div>
            <div className="relative z-10 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
              <span className="inline-flex items-center gap-1">
                Buyer <AddressView address={order.buyer} />
              </span>
              <span className="inline-flex items-center gap-1">
                Seller <AddressView address={order.seller} />
              </span>
            </div>
          </div>
          <span aria-hidden="true" className="hidden self-center text-sm font-semibold text-brand sm:block">
            {canRule ? "Review and rule ›" : "View ›"}
          </span>
        </div>
      </article>
    </li>
  );
}
