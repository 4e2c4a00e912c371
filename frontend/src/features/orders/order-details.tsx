import { formatBps } from "@souk/sdk/format";
import type { Viewer } from "@souk/sdk/order-rules";
import type { ReactNode } from "react";
import type { Address } from "viem";

import { AddressView } from "../../components/address.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { useToken } from "../../hooks/use-token.ts";
import type { Order } from "../../lib/orders.ts";

/** Terms fixed at purchase (amounts, fees) and the three people involved. */
export function OrderDetails({ order, viewer }: { order: Order; viewer: Viewer }) {
  const token = useToken(order.token);
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="payment-heading" className="card p-5 sm:p-6">
        <h2 id="payment-heading" className="text-lg font-semibold">
          Payment
        </h2>
        <dl className="mt-4 flex flex-col gap-3 text-sm">
          <Row label="Total paid">
            <TokenAmount amount={order.amount} token={order.token} className="font-semibold" />
          </Row>
          <Row label="Quantity">{order.quantity.toString()}</Row>
          <Row label="Price per unit">
            <TokenAmount amount={order.quantity === 0n ? 0n : order.amount / order.quantity} token={order.token} />
          </Row>
          <Row label="Currency">{token === undefined ? "…" : `${token.name} (${token.symbol})`}</Row>
          <Row label="Protocol fee" note="Taken from the seller's part when paid out; fixed at purchase.">
            {formatBps(order.protocolFeeBps)}
          </Row>
          <Row label="Arbiter fee" note="Paid only if the arbiter has to rule on a dispute.">
            {formatBps(order.arbiterFeeBps)}
          </Row>
        </dl>
      </section>
      <section aria-labelledby="people-heading" className="card p-5 sm:p-6">
        <h2 id="people-heading" className="text-lg font-semibold">
          People
        </h2>
        <dl className="mt-4 flex flex-col gap-3 text-sm">
          <Person label="Buyer" address={order.buyer} you={viewer === "buyer"} />
          <Person label="Seller" address={order.seller} you={viewer === "seller"} />
          <Person label="Arbiter" address={order.arbiter} you={viewer === "arbiter"} note="Settles disputes; named by the seller in the listing." />
        </dl>
      </section>
    </div>
  );
}

function Row({ label, note, children }: { label: string; note?: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <dt className="text-muted">
        {label}
        {note !== undefined && <span className="block text-xs">{note}</span>}
      </dt>
      <dd className="text-right font-medium tabular-nums">{children}</dd>
    </div>
  );
}

function Person({ label, address, you, note }: { label: string; address: Address; you: boolean; note?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-4">
      <dt className="text-muted">
        {label}
        {note !== undefined && <span className="block text-xs">{note}</span>}
      </dt>
      <dd className="flex shrink-0 items-center gap-2 whitespace-nowrap">
        {you && <span className="rounded-full bg-brand-soft px-2 py-0.5 text-xs font-semibold text-brand">You</span>}
        <AddressView address={address} />
      </dd>
    </div>
  );
}
