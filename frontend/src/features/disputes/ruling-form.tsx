import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import { computePayout, formatBps } from "@souk/sdk/format";
import { useState } from "react";

import { TokenAmount } from "../../components/token-amount.tsx";
import { requireContracts } from "../../lib/deployment.ts";
import type { Order } from "../../lib/orders.ts";
import { ActionError } from "../../components/action-error.tsx";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { PayoutBreakdown } from "../../components/payout-breakdown.tsx";
import { ShareInput } from "../../components/share-input.tsx";
import { HALF_SHARE_BPS, splitText } from "../../lib/share.ts";
import { useRun } from "../../hooks/use-run.ts";

/** escrow.rule: the arbiter's decision on the buyer's share, with the exact payout shown before and in the confirmation. */
export function RulingForm({ order }: { order: Order }) {
  const { run, busy, error } = useRun();
  const [share, setShare] = useState<bigint | undefined>(HALF_SHARE_BPS);
  const fee = computePayout(order.amount, 0n, order.arbiterFeeBps, order.protocolFeeBps).arbiter;
  const split = share === undefined ? undefined : splitText(share);

  return (
    <section aria-labelledby="ruling-heading" className="card flex flex-col gap-5 p-5 sm:p-6" data-action-panel>
      <div className="flex flex-col gap-1">
        <h2 id="ruling-heading" className="text-lg font-semibold">
          Your ruling
        </h2>
        <p className="text-sm text-muted">
          Decide which share of the payment goes back to the buyer; the seller gets the rest.
          {order.arbiterFeeBps > 0n ? (
            <>
              {" "}
              Your fee of {formatBps(order.arbiterFeeBps)} (<TokenAmount amount={fee} token={order.token} />) comes off the top
            </>
          ) : (
            " This listing pays no arbiter fee"
          )}
          , and the {formatBps(order.protocolFeeBps)} protocol fee is taken from the seller's part. A ruling is final.
        </p>
      </div>
      <ShareInput value={share} onChange={setShare} label="Buyer's share" />
      {share !== undefined && (
        <PayoutBreakdown
          amount={order.amount}
          token={order.token}
          buyerShareBps={share}
          arbiterFeeBps={order.arbiterFeeBps}
          protocolFeeBps={order.protocolFeeBps}
          you="arbiter"
        />
      )}
      <ConfirmButton
        label={split === undefined ? "Review the ruling" : `Review the ruling: buyer ${split.buyer}, seller ${split.seller}`}
        busy={busy}
        disabled={share === undefined}
        title="Confirm your ruling"
        body={
          share === undefined || split === undefined ? null : (
            <>
              <p>
                Buyer <strong>{split.buyer}</strong>, seller <strong>{split.seller}</strong> of{" "}
                <TokenAmount amount={order.amount} token={order.token} className="font-semibold" />:
              </p>
              <PayoutBreakdown
                amount={order.amount}
                token={order.token}
                buyerShareBps={share}
                arbiterFeeBps={order.arbiterFeeBps}
                protocolFeeBps={order.protocolFeeBps}
                you="arbiter"
              />
              <p className="text-muted">The order ends and these amounts are credited at once. A ruling cannot be changed or appealed.</p>
            </>
          )
        }
        confirmLabel={split === undefined ? "Rule" : `Rule ${split.buyer} / ${split.seller}`}
        onConfirm={() => {
          if (share === undefined || split === undefined) return;
          void run({
            address: requireContracts().escrow,
            abi: escrowAbi,
            functionName: "rule",
            args: [order.id, share],
            description: `Rule buyer ${split.buyer} / seller ${split.seller} (order ${orderLabel(order.id)})`,
          });
        }}
      />
      <ActionError error={error} />
    </section>
  );
}
