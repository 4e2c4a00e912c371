import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import type { Hex } from "viem";

import { ActionError } from "../../components/action-error.tsx";
import { Button } from "../../components/button.tsx";
import { useRun } from "../../hooks/use-run.ts";
import { requireContracts } from "../../lib/deployment.ts";

/** Records the digest of the order's private conversation on chain as evidence (`submitEvidence`). */
export function CiteTranscript({ orderId, digest }: { orderId: bigint; digest: Hex }) {
  const { run, busy, error } = useRun();
  return (
    <div className="mt-2 flex flex-col items-start gap-2">
      <Button
        size="sm"
        busy={busy}
        onClick={() =>
          void run({
            address: requireContracts().escrow,
            abi: escrowAbi,
            functionName: "submitEvidence",
            args: [orderId, digest],
            description: `Cite the conversation of order ${orderLabel(orderId)} as evidence`,
          })
        }
      >
        Cite this conversation as evidence
      </Button>
      <ActionError error={error} />
    </div>
  );
}
