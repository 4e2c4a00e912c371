/** The one-click actions of an order (each through useTransactor), with the amounts they move stated up front. */
import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import { computePayout, formatBps } from "@souk/sdk/format";
import type { ContractFunctionArgs, ContractFunctionName } from "viem";

import { Button } from "../../../components/button.tsx";
import { TokenAmount } from "../../../components/token-amount.tsx";
import { requireContracts } from "../../../lib/deployment.ts";
import type { Order } from "../../../lib/orders.ts";
import type { WriteRequest } from "../../../lib/transaction.ts";
import { PayoutBreakdown } from "../../../components/payout-breakdown.tsx";
import { HALF_SHARE_BPS, splitText } from "../../../lib/share.ts";
import { ActionError } from "../../../components/action-error.tsx";
import { ConfirmButton } from "../../../components/confirm-button.tsx";
import { ActionBlock } from "./action-parts.tsx";
import { useRun } from "../../../hooks/use-run.ts";

type EscrowWrite = ContractFunctionName<typeof escrowAbi, "nonpayable" | "payable">;

function escrowCall<functionName extends EscrowWrite>(
  order: Order,
  functionName: functionName,
  description: string,
  args: ContractFunctionArgs<typeof escrowAbi, "nonpayable" | "payable", functionName>,
): WriteRequest<typeof escrowAbi, functionName> {
  return { address: requireContracts().escrow, abi: escrowAbi, functionName, args, description: `${description} (order ${orderLabel(order.id)})` };
}

export function DeclineAction({ order }: { order: Order }) {
  const { run, busy, error } = useRun();
  return (
    <ActionBlock
      title="Decline the order"
      description={
        <>
          Cannot fulfil it? Declining refunds the buyer <TokenAmount amount={order.amount} token={order.token} /> in full and puts the{" "}
          {order.quantity === 1n ? "unit" : "units"} back in stock. It does not affect your rating.
        </>
      }
    >
      <ConfirmButton
        label="Decline (full refund)"
        variant="secondary"
        busy={busy}
        title="Decline this order?"
        body={
          <>
            <p>
              The buyer gets <TokenAmount amount={order.amount} token={order.token} className="font-semibold" /> back in full, and the order
              ends. This cannot be undone.
            </p>
          </>
        }
        confirmLabel="Decline and refund"
        confirmVariant="danger"
        onConfirm={() => void run(escrowCall(order, "decline", "Decline", [order.id]))}
      />
      <ActionError error={error} />
    </ActionBlock>
  );
}

export function CancelAction({ order }: { order: Order }) {
  const { run, busy, error } = useRun();
  return (
    <ActionBlock
      title="Cancel and get a full refund"
      description={
        <>
          The seller did not ship before the deadline. Cancelling ends the order and credits you{" "}
          <TokenAmount amount={order.amount} token={order.token} className="font-semibold text-text" />, which you can then withdraw.
        </>
      }
    >
      <Button busy={busy} className="self-start" onClick={() => void run(escrowCall(order, "cancel", "Cancel and refund", [order.id]))}>
        Cancel and get a full refund
      </Button>
      <ActionError error={error} />
    </ActionBlock>
  );
}

export function ConfirmAction({ order }: { order: Order }) {
  const { run, busy, error } = useRun();
  const payout = computePayout(order.amount, 0n, 0n, order.protocolFeeBps);
  // Before the seller has marked the order shipped, confirming is almost always a mistake: it pays the seller now
  // and gives up the refund a missed shipping deadline would bring. The dialog says so and asks for certainty.
  const unshipped = order.state === "Funded";
  const sellerGets = (
    <>
      The seller gets <TokenAmount amount={payout.seller} token={order.token} className="font-semibold" />
      {payout.protocol > 0n && (
        <>
          {" "}
          (the <TokenAmount amount={order.amount} token={order.token} /> you paid, minus the {formatBps(order.protocolFeeBps)} protocol
          fee of <TokenAmount amount={payout.protocol} token={order.token} />)
        </>
      )}
    </>
  );
  return (
    <ActionBlock
      title={unshipped ? "Already received it?" : "Confirm receipt"}
      description="Confirm once the order has arrived and is as described: this releases your payment to the seller."
    >
      <ConfirmButton
        label="Confirm receipt (release payment)"
        variant={unshipped ? "secondary" : "primary"}
        busy={busy}
        title={unshipped ? "The seller has not shipped this yet" : "Release the payment?"}
        body={
          unshipped ? (
            <>
              <p className="rounded-[var(--radius-control)] bg-warning-soft px-3 py-2 text-warning">
                The seller has not marked this order as shipped. Confirming pays the seller now, before anything was sent.
              </p>
              <p>{sellerGets} at once, and the order ends.</p>
              <p className="text-muted">
                You give up the full refund you could claim if the seller never ships, and the chance to open a dispute.
                This cannot be undone. Only confirm if you already have the order and it is as described (for example,
                you collected it in person).
              </p>
            </>
          ) : (
            <>
              <p>{sellerGets}.</p>
              <p className="text-muted">Only confirm once you have the order and it is as described. This cannot be undone, and ends the chance to open a dispute.</p>
            </>
          )
        }
        confirmLabel={unshipped ? "I have it: pay the seller now" : "Release payment"}
        confirmVariant={unshipped ? "danger" : "primary"}
        onConfirm={() => void run(escrowCall(order, "confirm", "Confirm receipt", [order.id]))}
      />
      <ActionError error={error} />
    </ActionBlock>
  );
}

export function CompleteAction({ order }: { order: Order }) {
  const { run, busy, error } = useRun();
  const payout = computePayout(order.amount, 0n, 0n, order.protocolFeeBps);
  return (
    <ActionBlock
      title="Complete for the seller"
      description={
        <>
          The buyer neither confirmed nor disputed before the deadline, so anyone can now release the payment: the seller gets{" "}
          <TokenAmount amount={payout.seller} token={order.token} className="font-semibold text-text" />.
        </>
      }
    >
      <Button busy={busy} className="self-start" onClick={() => void run(escrowCall(order, "complete", "Complete", [order.id]))}>
        Complete for the seller
      </Button>
      <ActionError error={error} />
    </ActionBlock>
  );
}

export function ResolveAction({ order, you }: { order: Order; you: "buyer" | "seller" | "arbiter" | undefined }) {
  const { run, busy, error } = useRun();
  return (
    <ActionBlock
      title="Split 50/50 (the arbiter did not rule)"
      description="The ruling deadline passed without a ruling. Anyone can now end the dispute with an even split; the arbiter earns no fee."
    >
      <PayoutBreakdown amount={order.amount} token={order.token} buyerShareBps={HALF_SHARE_BPS} arbiterFeeBps={0n} protocolFeeBps={order.protocolFeeBps} you={you} />
      <Button busy={busy} className="self-start" onClick={() => void run(escrowCall(order, "resolveAfterTimeout", "Split 50/50", [order.id]))}>
        Split 50/50
      </Button>
      <ActionError error={error} />
    </ActionBlock>
  );
}

export function AcceptProposalAction({ order, viewer }: { order: Order; viewer: "buyer" | "seller" }) {
  const { run, busy, error } = useRun();
  const share = order.proposedBuyerShareBps;
  const split = splitText(share);
  const proposer = viewer === "buyer" ? "seller" : "buyer";
  return (
    <ActionBlock
      title={`The ${proposer} proposes: buyer ${split.buyer}, seller ${split.seller}`}
      description={`Accepting ends the order now with this split. No arbiter fee is due. You can also make a counter-proposal below.`}
    >
      <PayoutBreakdown amount={order.amount} token={order.token} buyerShareBps={share} arbiterFeeBps={0n} protocolFeeBps={order.protocolFeeBps} you={viewer} />
      <ConfirmButton
        label={`Accept ${split.buyer} / ${split.seller}`}
        busy={busy}
        title="Accept this split?"
        body={
          <>
            <PayoutBreakdown amount={order.amount} token={order.token} buyerShareBps={share} arbiterFeeBps={0n} protocolFeeBps={order.protocolFeeBps} you={viewer} />
            <p className="text-muted">The order ends with these amounts credited to each side. This cannot be undone.</p>
          </>
        }
        confirmLabel={`Accept ${split.buyer} / ${split.seller}`}
        onConfirm={() => void run(escrowCall(order, "acceptSettlement", `Accept the ${split.buyer} / ${split.seller} split`, [order.id, share]))}
      />
      <ActionError error={error} />
    </ActionBlock>
  );
}
