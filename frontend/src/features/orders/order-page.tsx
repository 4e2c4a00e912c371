import { decodeError } from "@souk/sdk/errors";
import { viewerOf } from "@souk/sdk/order-rules";
import { lazy, Suspense, useMemo } from "react";
import type { Address, Hex } from "viem";
import { Link, useParams } from "react-router";
import { useConnection } from "wagmi";

import { EmptyState, ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import { useChainTime } from "../../hooks/use-chain-time.ts";
import { useOrder, useOrderTimeline } from "../../hooks/use-orders.ts";
import { isOpen } from "../../lib/orders.ts";
import { NextStepPanel } from "./next-step-panel.tsx";
import { parseOrderId } from "./order-id.ts";
import { OrderDetails } from "./order-details.tsx";
import { OrderHeader } from "./order-header.tsx";
import { CiteTranscript } from "./cite-transcript.tsx";
import { OrderTimeline } from "./order-timeline.tsx";
import { useGivenRating, useRatingStatus } from "./use-ratings.ts";

const OrderThread = lazy(() => import("../../app/messaging-entry.ts").then((m) => ({ default: m.OrderThread })));

/** /orders/:orderId: one order, what can happen next, the actions open to the connected account, and its history. */
export default function OrderPage() {
  const orderId = parseOrderId(useParams().orderId);
  if (orderId === undefined) return <NotFound />;
  return <OrderView orderId={orderId} />;
}

function NotFound() {
  return (
    <EmptyState title="Order not found" action={<Link className="font-medium text-brand underline" to="/orders">Back to your orders</Link>}>
      There is no order at this address. Check the link, or find the order in your purchases or sales.
    </EmptyState>
  );
}

function OrderView({ orderId }: { orderId: bigint }) {
  const { address } = useConnection();
  const order = useOrder(orderId);
  const timeline = useOrderTimeline(orderId);
  const now = useChainTime();
  const viewer = order.data === undefined ? "disconnected" : viewerOf(order.data, address);
  const ended = order.data !== undefined && !isOpen(order.data);
  const rating = useRatingStatus(orderId, ended && (viewer === "buyer" || viewer === "seller"));
  const rated = rating !== undefined && ((viewer === "buyer" && rating.buyerRated) || (viewer === "seller" && rating.sellerRated));
  const given = useGivenRating(orderId, address, rated);
  const disputed = timeline.data?.some((entry) => entry.name === "DisputeOpened") ?? false;
  const evidence = useMemo(
    () =>
      (timeline.data ?? [])
        .filter((entry) => entry.name === "EvidenceSubmitted")
        .map((entry) => ({ author: entry.args.author as Address, digest: entry.args.evidenceDigest as Hex })),
    [timeline.data],
  );

  if (order.isPending) {
    return (
      <LoadingRegion label="Loading the order">
        <div className="flex flex-col gap-6">
          <Skeleton className="h-5 w-32" />
          <div className="card flex gap-5 p-6">
            <Skeleton className="size-28" />
            <div className="flex flex-1 flex-col gap-3">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-8 w-2/3" />
              <Skeleton className="h-5 w-1/2" />
            </div>
          </div>
          <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <Skeleton className="h-64" />
            <Skeleton className="h-64" />
          </div>
        </div>
      </LoadingRegion>
    );
  }
  if (order.isError) {
    const decoded = decodeError(order.error);
    if (decoded.name === "EscrowUnknownOrder") return <NotFound />;
    return <ErrorState title="This order could not be loaded" message={decoded.message} onRetry={() => void order.refetch()} />;
  }

  const data = order.data;
  const back = viewer === "arbiter" ? { to: "/arbiter", label: "Disputes to rule" } : { to: viewer === "seller" ? "/orders?view=sales" : "/orders", label: "Your orders" };
  return (
    <div className="flex flex-col gap-6">
      <Link to={back.to} className="self-start text-sm font-medium text-brand hover:underline">
        ← {back.label}
      </Link>
      <OrderHeader order={data} placedAt={timeline.data?.[0]?.timestamp} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <NextStepPanel
            order={data}
            viewer={viewer}
            now={now}
            rating={rating}
            given={rated ? (given.data ?? undefined) : undefined}
            timeline={timeline.data}
          />
          {(viewer === "buyer" || viewer === "seller" || (viewer === "arbiter" && disputed)) && (
            <Suspense fallback={null}>
              <OrderThread order={data} disputed={disputed} evidence={evidence} renderCite={(digest) => <CiteTranscript orderId={data.id} digest={digest} />} />
            </Suspense>
          )}
          <OrderTimeline
            order={data}
            entries={timeline.data}
            isPending={timeline.isPending}
            error={timeline.error}
            onRetry={() => void timeline.refetch()}
          />
        </div>
        <OrderDetails order={data} viewer={viewer} />
      </div>
    </div>
  );
}
