import { orderLabel } from "@souk/sdk/contracts";
import { Link } from "react-router";

import { TokenAmount } from "../../components/token-amount.tsx";
import type { Order } from "../../lib/orders.ts";
import { formatDateTime } from "../../lib/format-time.ts";
import { ItemThumb, useOrderItem } from "../../components/order-item.tsx";
import { StateBadge } from "../../components/state-badge.tsx";

/** The order at a glance: the item (linking to its listing), its state and the total paid. */
export function OrderHeader({ order, placedAt }: { order: Order; placedAt: number | undefined }) {
  const item = useOrderItem(order.listingId);
  return (
    <header className="card flex flex-col gap-5 p-5 sm:flex-row sm:items-center sm:p-6">
      <div className="flex min-w-0 flex-1 gap-4 sm:gap-5">
        <ItemThumb item={item} className="size-20 sm:size-28" />
        <div className="flex min-w-0 flex-col gap-2">
          <p className="text-sm text-muted">
            Order <span className="font-mono">{orderLabel(order.id)}</span>
            {placedAt !== undefined && <> · placed {formatDateTime(placedAt)}</>}
          </p>
          <h1 className="text-2xl leading-tight font-bold tracking-tight break-words sm:text-3xl">
            <Link to={`/listing/${order.listingId}`} className="hover:underline">
              {item.title}
            </Link>
          </h1>
          <StateBadge state={order.state} withLine />
        </div>
      </div>
      <div className="flex items-baseline justify-between gap-3 border-t border-border pt-4 sm:flex-col sm:items-end sm:border-t-0 sm:border-l sm:pt-0 sm:pl-6">
        <span className="text-sm text-muted">Total</span>
        <span className="text-2xl font-bold tabular-nums">
          <TokenAmount amount={order.amount} token={order.token} />
        </span>
        <span className="text-sm text-muted">
          {order.quantity.toString()} {order.quantity === 1n ? "unit" : "units"}
        </span>
      </div>
    </header>
  );
}
