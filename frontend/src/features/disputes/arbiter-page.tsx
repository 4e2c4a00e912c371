import { decodeError } from "@souk/sdk/errors";
import { Link, useSearchParams } from "react-router";
import { useConnection } from "wagmi";

import { ConnectButton } from "../../components/connect-button.tsx";
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import { useChainTime } from "../../hooks/use-chain-time.ts";
import { useOrders } from "../../hooks/use-orders.ts";
import { DisputeCard } from "./dispute-card.tsx";
import { DisputeDetail } from "./dispute-detail.tsx";
import { disputeQueue, selectedDispute } from "./dispute-queue.ts";

/** /arbiter: disputes assigned to the connected account; ?order=<id> opens one with its evidence and the ruling form. */
export default function ArbiterPage() {
  const { address } = useConnection();
  const [params] = useSearchParams();
  const disputes = useOrders("arbiter", address);
  const now = useChainTime();

  if (address === undefined) {
    return (
      <div className="mx-auto flex max-w-2xl flex-col gap-6">
        <Title />
        <EmptyState title="Connect your wallet to see your disputes" action={<ConnectButton />}>
          Sellers name an arbiter in each listing. If that is you, the disputes on those listings appear here once you connect that wallet.
        </EmptyState>
      </div>
    );
  }
  if (disputes.isPending) {
    return (
      <LoadingRegion label="Loading your disputes">
        <div className="flex flex-col gap-6">
          <Title />
          {[0, 1].map((i) => (
            <div key={i} className="card flex gap-4 p-5">
              <Skeleton className="size-20" />
              <div className="flex flex-1 flex-col gap-2">
                <Skeleton className="h-5 w-2/3" />
                <Skeleton className="h-4 w-1/3" />
              </div>
            </div>
          ))}
        </div>
      </LoadingRegion>
    );
  }
  if (disputes.isError) {
    return (
      <div className="flex flex-col gap-6">
        <Title />
        <ErrorState title="Your disputes could not be loaded" message={decodeError(disputes.error).message} onRetry={() => void disputes.refetch()} />
      </div>
    );
  }

  const raw = params.get("order");
  const selected = selectedDispute(disputes.data, raw);
  if (raw !== null) {
    return selected !== undefined ? (
      <DisputeDetail order={selected} />
    ) : (
      <EmptyState title="Not one of your disputes" action={<Link className="font-medium text-brand underline" to="/arbiter">See your disputes</Link>}>
        This order has no dispute assigned to the connected account. Check that you are connected with the arbiter's wallet.
      </EmptyState>
    );
  }

  const { open, ended } = disputeQueue(disputes.data);
  if (open.length === 0 && ended.length === 0) {
    return (
      <div className="flex flex-col gap-6">
        <Title />
        <EmptyState title="No disputes assigned to you" action={<Link className="font-medium text-brand underline" to="/">Browse the marketplace</Link>}>
          Sellers name an arbiter in each of their listings. When a buyer opens a dispute on a listing that names you, it appears here: you read
          both sides' evidence and decide how the payment is split, and earn the listing's arbiter fee when you rule.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-8">
      <Title />
      <section aria-labelledby="open-disputes" className="flex flex-col gap-4">
        <h2 id="open-disputes" className="flex items-center gap-2 text-lg font-semibold">
          Waiting for your ruling
          <span className="rounded-full bg-warning-soft px-2 py-0.5 text-xs font-semibold text-warning tabular-nums">{open.length}</span>
        </h2>
        {open.length === 0 ? (
          <p className="card px-5 py-6 text-center text-muted">Nothing to rule on right now: every dispute assigned to you has ended.</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {open.map((order) => (
              <DisputeCard key={order.id.toString()} order={order} now={now} />
            ))}
          </ul>
        )}
      </section>
      {ended.length > 0 && (
        <section aria-labelledby="ended-disputes" className="flex flex-col gap-4">
          <h2 id="ended-disputes" className="text-lg font-semibold text-muted">
            Ended
          </h2>
          <ul className="flex flex-col gap-4">
            {ended.map((order) => (
              <DisputeCard key={order.id.toString()} order={order} now={now} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Title() {
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Disputes to rule</h1>
      <p className="mt-1 max-w-2xl text-muted">
        As the arbiter named in these listings, you decide how a disputed payment is split. Your fees are credited to your balance on the Orders
        page.
      </p>
    </div>
  );
}
