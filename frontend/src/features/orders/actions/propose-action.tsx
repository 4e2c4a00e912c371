import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import { useState, type FormEvent } from "react";

import { Button } from "../../../components/button.tsx";
import { requireContracts } from "../../../lib/deployment.ts";
import type { Order } from "../../../lib/orders.ts";
import { PayoutBreakdown } from "../../../components/payout-breakdown.tsx";
import { ShareInput } from "../../../components/share-input.tsx";
import { HALF_SHARE_BPS, splitText } from "../../../lib/share.ts";
import { ActionError } from "../../../components/action-error.tsx";
import { ActionBlock } from "./action-parts.tsx";
import { useRun } from "../../../hooks/use-run.ts";

/** proposeSettlement: offer a split of the payment; the other party ends the order by accepting it. */
export function ProposeAction({ order, viewer, counter }: { order: Order; viewer: "buyer" | "seller"; counter: boolean }) {
  const { run, busy, error } = useRun();
  const mine = order.proposer !== undefined && order.proposer.toLowerCase() === (viewer === "buyer" ? order.buyer : order.seller).toLowerCase();
  const [share, setShare] = useState<bigint | undefined>(order.proposer === undefined ? HALF_SHARE_BPS : order.proposedBuyerShareBps);
  const other = viewer === "buyer" ? "seller" : "buyer";
  const standing = splitText(order.proposedBuyerShareBps);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (share === undefined) return;
    const split = splitText(share);
    await run({
      address: requireContracts().escrow,
      abi: escrowAbi,
      functionName: "proposeSettlement",
      args: [order.id, share],
      description: `Propose buyer ${split.buyer} / seller ${split.seller} (order ${orderLabel(order.id)})`,
    });
  };

  return (
    <ActionBlock
      title={mine ? "Change your proposal" : counter ? "Make a counter-proposal" : "Propose a split"}
      description={
        mine ? (
          <>
            You proposed <strong className="text-text">buyer {standing.buyer}, seller {standing.seller}</strong>. The {other} can accept it
            until the deadline; a new proposal replaces it.
          </>
        ) : (
          `Agree on how to divide the payment without waiting for ${order.state === "Disputed" ? "the arbiter's ruling" : "a dispute"}. If the ${other} accepts, the order ends with that split and no arbiter fee.`
        )
      }
      foldLabel={mine ? "Change proposal" : counter ? "Counter-propose" : "Propose a split"}
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <ShareInput value={share} onChange={setShare} label="Buyer's share" />
        {share !== undefined && (
          <PayoutBreakdown amount={order.amount} token={order.token} buyerShareBps={share} arbiterFeeBps={0n} protocolFeeBps={order.protocolFeeBps} you={viewer} />
        )}
        <Button type="submit" busy={busy} disabled={share === undefined} className="self-start">
          {share === undefined ? "Propose this split" : `Propose ${splitText(share).buyer} / ${splitText(share).seller}`}
        </Button>
        <ActionError error={error} />
      </form>
    </ActionBlock>
  );
}
