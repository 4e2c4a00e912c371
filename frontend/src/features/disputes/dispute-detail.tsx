import { orderLabel } from "@souk/sdk/contracts";
import { decodeError } from "@souk/sdk/errors";
import { computePayout, formatBps } from "@souk/sdk/format";
import { canRuleNow } from "@souk/sdk/order-rules";
import type { ReactNode } from "react";
import { Link } from "react-router";

import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { Countdown } from "../../components/countdown.tsx";
import { Skeleton } from "../../components/states.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { useChainTime } from "../../hooks/use-chain-time.ts";
import { useOrderTimeline } from "../../hooks/use-orders.ts";
import type { Order } from "../../lib/orders.ts";
import { ClockIcon } from "../../components/clock-icon.tsx";
import { formatDateTime } from "../../lib/format-time.ts";
import { ItemThumb, useOrderItem } from "../../components/order-item.tsx";
import { PayoutLines } from "../../components/payout-lines.tsx";
import { splitText } from "../../lib/share.ts";
import { StateBadge } from "../../components/state-badge.tsx";
import { outcomeOf } from "../../lib/timeline-events.ts";
import { EvidenceColumns } from "./evidence-columns.tsx";
import { RulingForm } from "./ruling-form.tsx";

/** One dispute for its arbiter: the item and the money, both sides' evidence, and the ruling (or how it ended). */
export function DisputeDetail({ order }: { order: Order }) {
  const item = useOrderItem(order.listingId);
  const timeline = useOrderTimeline(order.id);
  const now = useChainTime();
  const open = order.state === "Disputed";
  const beforeDeadline = open && now < Number(order.deadline);
  // The seller (the respondent) is heard first: the arbiter rules once it has answered or its 72 hours have passed.
  const canRule = canRuleNow(order, now);
  const awaitingAnswer = beforeDeadline && !canRule;
  const fee = computePayout(order.amount, 0n, order.arbiterFeeBps, order.protocolFeeBps).arbiter;
  const outcome = open || timeline.data === undefined ? undefined : outcomeOf(timeline.data, order.amount);
  const proposal = order.proposer === undefined ? undefined : splitText(order.proposedBuyerShareBps);
  const proposer = order.proposer?.toLowerCase() === order.buyer.toLowerCase() ? "buyer" : "seller";

  return (
    <div className="flex flex-col gap-6">
      <Link to="/arbiter" className="self-start text-sm font-medium text-brand hover:underline">
        ← All disputes
      </Link>

      <header className="card flex flex-col gap-5 p-5 sm:p-6 md:flex-row md:items-center">
        <div className="flex min-w-0 flex-1 gap-4 sm:gap-5">
          <ItemThumb item={item} className="size-20 sm:size-24" />
          <div className="flex min-w-0 flex-col gap-2">
            <p className="text-sm text-muted">
              Dispute on order <span className="font-mono">{orderLabel(order.id)}</span>
            </p>
            <h1 className="text-2xl leading-tight font-bold tracking-tight break-words">
              <Link to={`/listing/${order.listingId}`} className="hover:underline">
                {item.title}
              </Link>
            </h1>
            <StateBadge state={order.state} withLine />
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 border-t border-border pt-4 text-sm md:border-t-0 md:border-l md:pt-0 md:pl-6">
          <Fact label="At stake">
            <TokenAmount amount={order.amount} token={order.token} className="text-lg font-bold" />
          </Fact>
          <Fact label="Quantity">{order.quantity.toString()}</Fact>
          <Fact label="Your fee">
            {formatBps(order.arbiterFeeBps)} · <TokenAmount amount={fee} token={order.token} />
          </Fact>
          <Fact label="Protocol fee">{formatBps(order.protocolFeeBps)}</Fact>
        </dl>
      </header>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="card flex flex-col gap-2 p-5">
          <h2 className="text-sm font-semibold">The parties</h2>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="w-14 text-muted">Buyer</span> <AddressView address={order.buyer} />
          </p>
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="w-14 text-muted">Seller</span> <AddressView address={order.seller} />
          </p>
        </div>
        {open ? (
          <div className={`card flex items-start gap-3 p-5 ${beforeDeadline ? "" : "border-danger/40"}`}>
            <ClockIcon className={`mt-0.5 size-5 ${beforeDeadline ? "text-warning" : "text-danger"}`} />
            <div className="flex flex-col gap-1 text-sm">
              <p className="font-semibold">
                <Countdown deadline={order.deadline} label="Rule by" />
              </p>
              <p>{beforeDeadline ? "After this, anyone can split it 50/50 and no arbiter fee is paid." : "The deadline passed: the dispute can only be split 50/50 now."}</p>
              <p className="text-xs text-muted">{formatDateTime(order.deadline)}, by the chain's clock</p>
            </div>
          </div>
        ) : (
          <div className="card flex flex-col gap-1 p-5 text-sm">
            <h2 className="font-semibold">{outcomeTitle(outcome?.state, outcome?.byTimeout)}</h2>
            {outcome?.buyerShareBps !== undefined && (
              <p>
                Buyer {splitText(outcome.buyerShareBps).buyer}, seller {splitText(outcome.buyerShareBps).seller}
              </p>
            )}
            {outcome !== undefined && <p className="text-muted">{formatDateTime(outcome.timestamp)}</p>}
          </div>
        )}
      </div>

      {open && proposal !== undefined && (
        <p className="rounded-[var(--radius-control)] bg-warning-soft px-4 py-3 text-sm text-warning">
          The {proposer} has proposed a settlement of buyer {proposal.buyer}, seller {proposal.seller}. If the other party accepts it before you rule,
          the dispute ends without a ruling and without your fee.
        </p>
      )}

      <section aria-labelledby="evidence-heading" className="flex flex-col gap-3">
        <h2 id="evidence-heading" className="text-lg font-semibold">
          Evidence
        </h2>
        {timeline.isPending ? (
          <div role="status" className="grid gap-4 lg:grid-cols-2">
            <span className="sr-only">Loading the evidence…</span>
            <Skeleton className="h-48" />
            <Skeleton className="h-48" />
          </div>
        ) : timeline.data === undefined ? (
          <div role="alert" className="card flex flex-wrap items-center gap-3 p-5 text-sm">
            <span className="text-danger">The evidence could not be loaded: {decodeError(timeline.error).message}</span>
            <Button size="sm" variant="secondary" onClick={() => void timeline.refetch()}>
              Try again
            </Button>
          </div>
        ) : (
          <EvidenceColumns order={order} entries={timeline.data} />
        )}
      </section>

      {canRule ? (
        <RulingForm order={order} />
      ) : awaitingAnswer ? (
        <section className="card flex flex-col gap-3 p-5 sm:p-6" aria-labelledby="answer-heading">
          <h2 id="answer-heading" className="text-lg font-semibold">
            Waiting for the seller's answer
          </h2>
          <p className="text-sm text-muted">
            Both sides are heard before a ruling: the seller has until {formatDateTime(order.responseDeadline)} to answer with evidence. You can rule as
            soon as they do, or once that time has passed.
          </p>
          <p className="text-sm font-medium">
            <Countdown deadline={order.responseDeadline} label="Ruling opens in" />
          </p>
        </section>
      ) : open ? (
        <section className="card flex flex-col gap-3 p-5 sm:p-6">
          <h2 className="text-lg font-semibold">The ruling deadline has passed</h2>
          <p className="text-sm text-muted">
            A ruling is no longer possible: the dispute can only be split 50/50 now, without an arbiter fee. Anyone can do that from the order page.
          </p>
          <Link to={`/orders/${order.id}`} className="self-start font-medium text-brand underline">
            Go to the order to split it 50/50
          </Link>
        </section>
      ) : (
        outcome !== undefined && (
          <section className="card flex flex-col gap-3 p-5 sm:p-6" aria-label="Payout">
            <h2 className="text-lg font-semibold">Payout</h2>
            <PayoutLines payout={outcome.payout} token={order.token} />
          </section>
        )
      )}

      <Link to={`/orders/${order.id}`} className="self-start text-sm font-medium text-brand hover:underline">
        Open the order page (full history{open ? ", add a note to the evidence" : ""}) →
      </Link>
    </div>
  );
}

function outcomeTitle(state: string | undefined, byTimeout: boolean | undefined): string {
  if (state === "Ruled") return "You ruled on this dispute";
  if (state === "Settled") return byTimeout === true ? "Split 50/50 after the ruling deadline" : "The parties settled it themselves";
  return "This dispute has ended";
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-medium tabular-nums">{children}</dd>
    </div>
  );
}
