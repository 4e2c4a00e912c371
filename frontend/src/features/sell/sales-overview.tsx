import { orderLabel } from "@souk/sdk/contracts";
import { shortAddress } from "@souk/sdk/format";
import { Link } from "react-router";

import { Countdown } from "../../components/countdown.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import type { Catalogue } from "../../lib/catalogue.ts";
import type { Order } from "../../lib/orders.ts";
import { Icon } from "./icons.tsx";
import { ACTION_TEXT, SALE_STATE_TEXT, type SalesGroup, type SellerAction } from "./sales.ts";
import { Badge } from "./section.tsx";
import { useListingMetadata } from "./use-listing-metadata.ts";

/** The title of an order's listing (its current description). */
function ListingTitle({ order, catalogue }: { order: Order; catalogue: Pick<Catalogue, "byId"> | undefined }) {
  const listing = catalogue?.byId.get(order.listingId);
  const metadata = useListingMetadata(listing?.metadataDigest);
  return <>{metadata.status === "ready" ? metadata.value.title : `Listing #${order.listingId}`}</>;
}

/** Orders waiting for the seller, most urgent first, each linking to the order page where the action is taken. */
export function ActionList({ actions, catalogue }: { actions: SellerAction[]; catalogue: Pick<Catalogue, "byId"> | undefined }) {
  return (
    <ul className="flex flex-col divide-y divide-border">
      {actions.map((action) => (
        <li key={action.order.id.toString()} className="grid grid-cols-[auto_minmax(0,1fr)] items-start gap-x-4 gap-y-3 py-4 first:pt-0 last:pb-0 sm:grid-cols-[auto_minmax(0,1fr)_auto] sm:items-center">
          <span
            className={`flex size-10 shrink-0 items-center justify-center rounded-full ${
              action.kind === "dispute" || action.kind === "answer" || action.kind === "late" ? "bg-danger-soft text-danger" : "bg-warning-soft text-warning"
            }`}
          >
            <Icon name={action.kind === "ship" ? "box" : action.kind === "proposal" ? "tag" : "warning"} />
          </span>
          <div className="flex min-w-0 flex-col gap-0.5">
            <p className="font-medium">{ACTION_TEXT[action.kind].title}</p>
            <p className="text-sm break-words text-muted">
              <span className="font-mono">{orderLabel(action.order.id)}</span> · <ListingTitle order={action.order} catalogue={catalogue} /> ·{" "}
              {action.order.quantity.toString()} × · <TokenAmount amount={action.order.amount} token={action.order.token} />
            </p>
            <p className="text-sm">
              <Countdown deadline={action.deadline} label={ACTION_TEXT[action.kind].deadlineLabel} />
            </p>
          </div>
          <Link
            to={`/orders/${action.order.id}`}
            className="col-span-2 inline-flex items-center justify-center rounded-[var(--radius-control)] bg-brand px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-strong sm:col-span-1"
            aria-label={`Open order ${orderLabel(action.order.id)}`}
          >
            Open order
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** All sales by state: how many, how much per token, and a link to each order. */
export function SalesGroups({ groups, catalogue }: { groups: SalesGroup[]; catalogue: Pick<Catalogue, "byId"> | undefined }) {
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {groups.map((group) => {
        const text = SALE_STATE_TEXT[group.state];
        return (
          <li key={group.state} className="card flex flex-col gap-3 p-5">
            <div className="flex items-start justify-between gap-3">
              <div className="flex flex-col gap-1">
                <h3 className="flex items-center gap-2 font-semibold">
                  {text.label}
                  <Badge tone={text.tone}>
                    {group.orders.length} order{group.orders.length === 1 ? "" : "s"}
                  </Badge>
                </h3>
                <p className="text-sm text-muted">{text.detail}</p>
              </div>
            </div>
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-lg font-semibold">
              {group.totals.map((total) => (
                <TokenAmount key={total.token} amount={total.amount} token={total.token} />
              ))}
            </p>
            <details className="group text-sm" open={group.state === "Funded" || group.state === "Disputed"}>
              <summary className="cursor-pointer font-medium text-brand select-none">
                <span className="group-open:hidden">Show the orders</span>
                <span className="hidden group-open:inline">Hide the orders</span>
              </summary>
              <ul className="mt-3 flex flex-col divide-y divide-border">
                {group.orders.map((order) => (
                  <li key={order.id.toString()} className="flex items-center justify-between gap-3 py-2">
                    <Link to={`/orders/${order.id}`} className="min-w-0 hover:underline">
                      <span className="font-mono text-brand">{orderLabel(order.id)}</span>{" "}
                      <span className="break-words">
                        <ListingTitle order={order} catalogue={catalogue} />
                      </span>
                      <span className="block text-xs text-muted">
                        {order.quantity.toString()} × · buyer {shortAddress(order.buyer)}
                      </span>
                    </Link>
                    <TokenAmount amount={order.amount} token={order.token} className="shrink-0 text-right tabular-nums" />
                  </li>
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
