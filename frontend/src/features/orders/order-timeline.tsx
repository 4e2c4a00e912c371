import { decodeError } from "@souk/sdk/errors";
import { computePayout } from "@souk/sdk/format";
import type { ReactNode } from "react";
import type { Address, Hex } from "viem";

import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { Skeleton } from "../../components/states.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import type { Order, TimelineEntry } from "../../lib/orders.ts";
import { EvidenceView, FulfillmentNoteView } from "../../components/document-views.tsx";
import { formatDateTime } from "../../lib/format-time.ts";
import { PayoutLines } from "../../components/payout-lines.tsx";
import { splitText } from "../../lib/share.ts";
import { partyOf, type Party, type Payout } from "../../lib/timeline-events.ts";
import { TxLink } from "../../components/tx-link.tsx";

const DOT: Record<string, string> = {
  OrderPlaced: "bg-brand",
  OrderFulfilled: "bg-brand",
  DisputeOpened: "bg-warning",
  EvidenceSubmitted: "bg-warning",
  SettlementProposed: "bg-accent",
  OrderCompleted: "bg-success",
  OrderSettled: "bg-success",
  OrderRuled: "bg-success",
  OrderDeclined: "bg-muted",
  OrderCancelled: "bg-muted",
};

/** The order's history from its events, oldest first, with the documents they point to rendered as text. */
export function OrderTimeline({
  order,
  entries,
  isPending,
  error,
  onRetry,
}: {
  order: Order;
  entries: TimelineEntry[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  return (
    <section aria-labelledby="history-heading" className="card p-5 sm:p-6">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {isPending ? (
        <div role="status" className="mt-5 flex flex-col gap-5">
          <span className="sr-only">Loading the order's history…</span>
          {[0, 1, 2].map((i) => (
            <div key={i} className="flex gap-4">
              <Skeleton className="size-3 rounded-full" />
              <div className="flex flex-1 flex-col gap-2">
                <Skeleton className="h-4 w-1/3" />
                <Skeleton className="h-4 w-2/3" />
              </div>
            </div>
          ))}
        </div>
      ) : entries === undefined ? (
        <div role="alert" className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <span className="text-danger">The history could not be loaded: {decodeError(error).message}</span>
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : (
        <ol className="mt-5 flex flex-col">
          {entries.map((entry, i) => (
            <li key={`${entry.transactionHash}-${entry.name}-${i}`} className="relative flex gap-4 pb-7 last:pb-0">
              {i < entries.length - 1 && <span aria-hidden="true" className="absolute top-4 bottom-0 left-[5px] w-px bg-border" />}
              <span aria-hidden="true" className={`relative mt-1.5 size-3 shrink-0 rounded-full ring-4 ring-surface ${DOT[entry.name] ?? "bg-muted"}`} />
              <div className="flex min-w-0 flex-1 flex-col gap-2">
                <TimelineItem entry={entry} order={order} />
                <div className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted">
                  <time dateTime={new Date(entry.timestamp * 1000).toISOString()}>{formatDateTime(entry.timestamp)}</time>
                  <TxLink hash={entry.transactionHash} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const ROLE_NAME: Record<Party, string> = { buyer: "the buyer", seller: "the seller", arbiter: "the arbiter", other: "someone else" };

function Title({ children, by, party }: { children: ReactNode; by?: Address; party?: Party }) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-2">
      <h3 className="font-medium">{children}</h3>
      {by !== undefined && (
        <span className="inline-flex items-center gap-1 text-sm text-muted">
          by {party === undefined ? null : ROLE_NAME[party]} <AddressView address={by} />
        </span>
      )}
    </div>
  );
}

function TimelineItem({ entry, order }: { entry: TimelineEntry; order: Order }) {
  const amount = (value: bigint, strong = true) => <TokenAmount amount={value} token={order.token} className={strong ? "font-semibold text-text" : ""} />;
  switch (entry.name) {
    case "OrderPlaced": {
      const args = entry.args as { quantity: bigint; amount: bigint; fulfillmentDeadline: bigint };
      return (
        <>
          <Title by={order.buyer} party="buyer">
            Order placed and paid
          </Title>
          <p className="text-sm text-muted">
            {amount(args.amount)} for {args.quantity.toString()} {args.quantity === 1n ? "unit" : "units"}, held in escrow. The seller has until{" "}
            {formatDateTime(args.fulfillmentDeadline)} to ship.
          </p>
        </>
      );
    }
    case "OrderFulfilled": {
      const digest = (entry.args as { noteDigest: Hex }).noteDigest;
      const hasNote = !/^0x0*$/.test(digest);
      return (
        <>
          <Title by={order.seller} party="seller">
            Marked as shipped or delivered
          </Title>
          {hasNote ? <FulfillmentNoteView digest={digest} /> : <p className="text-sm text-muted">No note was added.</p>}
        </>
      );
    }
    case "OrderDeclined":
      return (
        <>
          <Title by={order.seller} party="seller">
            Declined
          </Title>
          <p className="text-sm text-muted">The buyer was refunded {amount(order.amount)} in full.</p>
        </>
      );
    case "OrderCancelled":
      return (
        <>
          <Title by={order.buyer} party="buyer">
            Cancelled after the shipping deadline
          </Title>
          <p className="text-sm text-muted">The seller did not ship in time. The buyer was refunded {amount(order.amount)} in full.</p>
        </>
      );
    case "OrderCompleted": {
      const args = entry.args as { sellerAmount: bigint; protocolFee: bigint; byTimeout: boolean };
      return (
        <>
          <Title>{args.byTimeout ? "Completed after the confirmation period" : "Receipt confirmed by the buyer"}</Title>
          <p className="text-sm text-muted">
            The seller was paid {amount(args.sellerAmount)}
            {args.protocolFee > 0n && <> (protocol fee {amount(args.protocolFee, false)})</>}.
          </p>
        </>
      );
    }
    case "DisputeOpened": {
      const args = entry.args as { arbiter: Address; rulingDeadline: bigint };
      return (
        <>
          <Title by={order.buyer} party="buyer">
            Dispute opened
          </Title>
          <p className="flex flex-wrap items-center gap-1 text-sm text-muted">
            The arbiter <AddressView address={args.arbiter} /> has until {formatDateTime(args.rulingDeadline)} to rule.
          </p>
        </>
      );
    }
    case "EvidenceSubmitted": {
      const args = entry.args as { author: Address; evidenceDigest: Hex };
      const party = partyOf(order, args.author);
      return (
        <>
          <Title by={args.author} party={party}>
            {party === "buyer" ? "Evidence from the buyer" : party === "seller" ? "Evidence from the seller" : party === "arbiter" ? "Note from the arbiter" : "Evidence"}
          </Title>
          <EvidenceView digest={args.evidenceDigest} />
        </>
      );
    }
    case "SettlementProposed": {
      const args = entry.args as { proposer: Address; buyerShareBps: bigint };
      const split = splitText(args.buyerShareBps);
      const payout = computePayout(order.amount, args.buyerShareBps, 0n, order.protocolFeeBps);
      return (
        <>
          <Title by={args.proposer} party={partyOf(order, args.proposer)}>
            Split proposed: buyer {split.buyer}, seller {split.seller}
          </Title>
          <p className="text-sm text-muted">
            Buyer {amount(payout.buyer, false)} · seller {amount(payout.seller, false)}
            {payout.protocol > 0n && <> · protocol fee {amount(payout.protocol, false)}</>}
          </p>
        </>
      );
    }
    case "OrderSettled": {
      const args = entry.args as { buyerShareBps: bigint; payout: Payout; byTimeout: boolean };
      const split = splitText(args.buyerShareBps);
      return (
        <>
          <Title>{args.byTimeout ? "Split 50/50 after the ruling deadline" : `Settled by agreement: buyer ${split.buyer}, seller ${split.seller}`}</Title>
          <PayoutLines payout={args.payout} token={order.token} />
        </>
      );
    }
    case "OrderRuled": {
      const args = entry.args as { buyerShareBps: bigint; payout: Payout };
      const split = splitText(args.buyerShareBps);
      return (
        <>
          <Title by={order.arbiter} party="arbiter">
            Ruled: buyer {split.buyer}, seller {split.seller}
          </Title>
          <PayoutLines payout={args.payout} token={order.token} />
        </>
      );
    }
    default:
      return <Title>{entry.name}</Title>;
  }
}
