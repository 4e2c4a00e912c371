import { formatDuration } from "@souk/sdk/format";
import { availableActions, type Action, type RatingFlags, type Viewer } from "@souk/sdk/order-rules";
import { useEffect, useRef } from "react";
import { Link } from "react-router";

import { ConnectButton } from "../../components/connect-button.tsx";
import { Countdown } from "../../components/countdown.tsx";
import { useListing } from "../../hooks/use-listing.ts";
import { isOpen, type Order, type TimelineEntry } from "../../lib/orders.ts";
import { EvidenceAction } from "./actions/evidence-action.tsx";
import { FulfillAction } from "./actions/fulfill-action.tsx";
import { ProposeAction } from "./actions/propose-action.tsx";
import { GivenRatingView, RateAction } from "./actions/rate-action.tsx";
import {
  AcceptProposalAction,
  CancelAction,
  CompleteAction,
  ConfirmAction,
  DeclineAction,
  ResolveAction,
} from "./actions/simple-actions.tsx";
import { deadlineInfo, nextStep } from "./order-rules.ts";
import { ClockIcon } from "../../components/clock-icon.tsx";
import { formatDateTime } from "../../lib/format-time.ts";
import { PayoutLines } from "../../components/payout-lines.tsx";
import { outcomeOf } from "../../lib/timeline-events.ts";
import type { GivenRating } from "./use-ratings.ts";

/** The most pressing first: the step that moves the order on, then the answers, then the rest. */
const PRIORITY: Action[] = ["fulfill", "cancel", "complete", "resolve", "accept", "confirm", "dispute", "propose", "evidence", "rate", "decline"];

/**
 * What happens next on this order and, for the connected account, exactly the actions the contracts accept now
 * (by state, role and chain time). Nothing else is shown: no walls of disabled buttons.
 */
export function NextStepPanel({
  order,
  viewer,
  now,
  rating,
  given,
  timeline,
}: {
  order: Order;
  viewer: Viewer;
  now: number;
  rating: RatingFlags | undefined;
  given: GivenRating | undefined;
  timeline: TimelineEntry[] | undefined;
}) {
  const open = isOpen(order);
  const step = nextStep(order, viewer, now, rating);
  const deadline = deadlineInfo(order, viewer);
  const actions = availableActions(order, viewer, now, rating).sort((a, b) => PRIORITY.indexOf(a) - PRIORITY.indexOf(b));
  const outcome = open || timeline === undefined ? undefined : outcomeOf(timeline, order.amount);
  const party = viewer === "buyer" || viewer === "seller" ? viewer : undefined;
  const passed = now >= Number(order.deadline);

  // When an action moves the order on, its controls disappear: bring focus (and screen readers) to the new step
  // instead of leaving it on the page body.
  const heading = useRef<HTMLHeadingElement>(null);
  const stage = `${order.state}:${order.proposer ?? ""}:${order.proposedBuyerShareBps}:${given === undefined}:${timeline?.length ?? 0}`;
  const previous = useRef(stage);
  useEffect(() => {
    if (previous.current === stage) return;
    previous.current = stage;
    // A removed button leaves the focus on <body>; focus elsewhere on the page is left alone.
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, [stage]);

  return (
    <section aria-labelledby="next-step-heading" className={`card overflow-hidden ${step.kind === "action" ? "border-brand" : ""}`} data-action-panel>
      <div className={`flex flex-col gap-3 p-5 sm:p-6 ${step.kind === "action" ? "bg-brand-soft/50" : ""}`}>
        <p className="text-xs font-semibold tracking-wide text-muted uppercase">
          {step.kind === "action" ? "Your move" : open ? "Next step" : "Outcome"}
        </p>
        <h2 ref={heading} tabIndex={-1} id="next-step-heading" className="flex items-center gap-2 text-xl font-semibold focus:outline-none">
          {step.kind === "action" && <span aria-hidden="true" className="size-2.5 shrink-0 animate-pulse rounded-full bg-brand" />}
          {step.title}
        </h2>
        <p className="max-w-2xl text-muted">{step.detail}</p>
        {deadline !== undefined && open && (
          <div className={`flex items-start gap-3 rounded-[var(--radius-control)] border p-3 ${passed ? "border-danger/40 bg-danger-soft/50" : "border-border bg-surface"}`}>
            <ClockIcon className={`mt-0.5 size-5 ${passed ? "text-danger" : "text-brand"}`} />
            <div className="flex flex-col gap-0.5">
              <p className="font-semibold">
                <Countdown deadline={order.deadline} label={deadline.label} />
              </p>
              <p className="text-sm">{passed ? deadline.passed : deadline.after}</p>
              <p className="text-xs text-muted">{formatDateTime(order.deadline)}, by the chain's clock</p>
            </div>
          </div>
        )}
        {outcome !== undefined && <PayoutLines payout={outcome.payout} token={order.token} />}
        {outcome !== undefined && party !== undefined && (party === "buyer" ? outcome.payout.buyer : outcome.payout.seller) > 0n && (
          <p className="text-sm text-muted">
            Your part was credited to your balance in the escrow.{" "}
            <Link to="/orders" className="font-medium text-brand underline">
              Withdraw it from your orders page
            </Link>
            .
          </p>
        )}
      </div>

      {(actions.length > 0 || given !== undefined || (viewer === "disconnected" && open)) && (
        <div className="divide-y divide-border border-t border-border px-5 sm:px-6">
          {viewer === "arbiter" && order.state === "Disputed" && !passed && (
            <div className="flex flex-col gap-3 py-5 sm:flex-row sm:items-center sm:justify-between">
              <div>
                <h3 className="font-semibold">Rule on this dispute</h3>
                <p className="text-sm text-muted">Both sides' evidence side by side, and the ruling form with the exact payout.</p>
              </div>
              <Link
                to={`/arbiter?order=${order.id}`}
                className="inline-flex shrink-0 items-center justify-center rounded-[var(--radius-control)] bg-brand px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-strong"
              >
                Review and rule
              </Link>
            </div>
          )}
          {actions.map((action) => (
            <ActionFor key={action} action={action} order={order} viewer={viewer} actions={actions} />
          ))}
          {given !== undefined && party !== undefined && <GivenRatingView rating={given} ratee={party === "buyer" ? "seller" : "buyer"} />}
          {viewer === "disconnected" && open && (
            <div className="flex flex-col gap-3 py-5 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-muted">Connect the wallet of the buyer or the seller to act on this order.</p>
              <ConnectButton />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ActionFor({ action, order, viewer, actions }: { action: Action; order: Order; viewer: Viewer; actions: Action[] }) {
  const party = viewer === "buyer" || viewer === "seller" ? viewer : undefined;
  const you = viewer === "buyer" || viewer === "seller" || viewer === "arbiter" ? viewer : undefined;
  switch (action) {
    case "fulfill":
      return <FulfillWithWindow order={order} />;
    case "decline":
      return <DeclineAction order={order} />;
    case "cancel":
      return <CancelAction order={order} />;
    case "confirm":
      return <ConfirmAction order={order} />;
    case "complete":
      return <CompleteAction order={order} />;
    case "dispute":
      return <EvidenceAction order={order} mode="open" />;
    case "evidence":
      return <EvidenceAction order={order} mode="add" arbiter={viewer === "arbiter"} />;
    case "accept":
      return party === undefined ? null : <AcceptProposalAction order={order} viewer={party} />;
    case "propose":
      return party === undefined ? null : <ProposeAction order={order} viewer={party} counter={actions.includes("accept")} />;
    case "resolve":
      return <ResolveAction order={order} you={you} />;
    case "rate":
      return party === undefined ? null : <RateAction order={order} viewer={party} />;
  }
}

function FulfillWithWindow({ order }: { order: Order }) {
  const { listing } = useListing(order.listingId);
  return <FulfillAction order={order} confirmationWindow={listing === undefined ? undefined : formatDuration(listing.confirmationWindow)} />;
}
