import { decodeError } from "@souk/sdk/errors";
import type { RatingFlags } from "@souk/sdk/order-rules";
import { useMemo, type KeyboardEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useConnection } from "wagmi";

import { Button } from "../../components/button.tsx";
import { ConnectButton } from "../../components/connect-button.tsx";
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import { useChainTime } from "../../hooks/use-chain-time.ts";
import { useOrders } from "../../hooks/use-orders.ts";
import { isOpen, type Order } from "../../lib/orders.ts";
import { BalancesPanel } from "./balances-panel.tsx";
import { OrderCard } from "./order-card.tsx";
import { nextStep } from "./order-rules.ts";
import { useRatingStatuses } from "./use-ratings.ts";

type Tab = "purchases" | "sales";
type Show = "all" | "open" | "ended";

const TABS: Array<{ id: Tab; label: string }> = [
  { id: "purchases", label: "My purchases" },
  { id: "sales", label: "My sales" },
];
const SHOWS: Array<{ id: Show; label: string }> = [
  { id: "all", label: "All" },
  { id: "open", label: "Open" },
  { id: "ended", label: "Ended" },
];

/** /orders: the connected account's purchases and sales (tab and filter in the URL) and its withdrawable payouts. */
export default function OrdersPage() {
  const { address } = useConnection();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get("view") === "sales" ? "sales" : "purchases";
  const show: Show = params.get("show") === "open" || params.get("show") === "ended" ? (params.get("show") as Show) : "all";
  const purchases = useOrders("buyer", address);
  const sales = useOrders("seller", address);
  const arbitrated = useOrders("arbiter", address);
  const now = useChainTime();

  const ended = useMemo(
    () => [...(purchases.data ?? []), ...(sales.data ?? [])].filter((order) => !isOpen(order)).map((order) => order.id),
    [purchases.data, sales.data],
  );
  const ratings = useRatingStatuses(ended);
  const orderTokens = useMemo(
    () => [...(purchases.data ?? []), ...(sales.data ?? []), ...(arbitrated.data ?? [])].map((order) => order.token),
    [purchases.data, sales.data, arbitrated.data],
  );

  const update = (next: { view?: Tab; show?: Show }) => {
    const merged = { view: next.view ?? tab, show: next.show ?? show };
    const search = new URLSearchParams();
    if (merged.view !== "purchases") search.set("view", merged.view);
    if (merged.show !== "all") search.set("show", merged.show);
    setParams(search, { replace: true });
  };

  if (address === undefined) {
    return (
      <div className="mx-auto flex max-w-2xl flex-col gap-6">
        <PageTitle />
        <EmptyState title="Connect your wallet to see your orders" action={<ConnectButton />}>
          Your purchases, your sales and the payouts waiting for you are tied to your wallet address. Connect it to see
          them.
        </EmptyState>
      </div>
    );
  }

  const query = tab === "purchases" ? purchases : sales;
  const role = tab === "purchases" ? "buyer" : "seller";
  const actionCount = (orders: Order[] | undefined, viewer: "buyer" | "seller") =>
    orders?.filter((order) => nextStep(order, viewer, now, ratings.get(order.id)).kind === "action").length ?? 0;
  const counts: Record<Tab, { total: number | undefined; action: number }> = {
    purchases: { total: purchases.data?.length, action: actionCount(purchases.data, "buyer") },
    sales: { total: sales.data?.length, action: actionCount(sales.data, "seller") },
  };
  const openDisputes = arbitrated.data?.filter((order) => order.state === "Disputed").length ?? 0;

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft" && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.id === tab);
    const nextIndex =
      event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : (index + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    const next = TABS[nextIndex]!;
    update({ view: next.id });
    document.getElementById(`orders-tab-${next.id}`)?.focus();
  };

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageTitle />
        {openDisputes > 0 && (
          <Link to="/arbiter" className="rounded-full bg-warning-soft px-4 py-2 text-sm font-medium text-warning hover:underline">
            {openDisputes} {openDisputes === 1 ? "dispute" : "disputes"} waiting for your ruling →
          </Link>
        )}
      </div>

      <BalancesPanel account={address} orderTokens={orderTokens} />

      <section className="flex flex-col gap-5" aria-label="Orders">
        <div className="flex flex-col gap-4 border-b border-border sm:flex-row sm:items-end sm:justify-between">
          <div role="tablist" aria-label="Orders by role" className="-mb-px flex gap-1">
            {TABS.map((t) => {
              const selected = t.id === tab;
              const count = counts[t.id];
              return (
                <button
                  key={t.id}
                  id={`orders-tab-${t.id}`}
                  type="button"
                  role="tab"
                  aria-selected={selected}
                  aria-controls="orders-panel"
                  tabIndex={selected ? 0 : -1}
                  onClick={() => update({ view: t.id })}
                  onKeyDown={onTabKey}
                  className={`flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-semibold sm:px-4 ${selected ? "border-brand text-text" : "border-transparent text-muted hover:text-text"}`}
                >
                  {t.label}
                  {count.total !== undefined && (
                    <span className="rounded-full bg-surface-muted px-2 py-0.5 text-xs font-medium text-muted tabular-nums">{count.total}</span>
                  )}
                  {count.action > 0 && (
                    <span className="rounded-full bg-brand px-2 py-0.5 text-xs font-semibold text-on-brand tabular-nums" title="Orders that need your action">
                      {count.action}
                      <span className="sr-only"> need your action</span>
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          <fieldset className="mb-3 flex items-center gap-2 self-start sm:self-auto">
            <legend className="sr-only">Show</legend>
            <div className="flex rounded-full border border-border bg-surface p-0.5">
              {SHOWS.map((s) => (
                <label
                  key={s.id}
                  className="cursor-pointer rounded-full px-3.5 py-1 text-sm font-medium text-muted has-checked:bg-brand-soft has-checked:text-brand has-focus-visible:outline-3 has-focus-visible:outline-focus"
                >
                  <input type="radio" name="show" value={s.id} checked={show === s.id} onChange={() => update({ show: s.id })} className="sr-only" />
                  {s.label}
                </label>
              ))}
            </div>
          </fieldset>
        </div>

        <div id="orders-panel" role="tabpanel" aria-labelledby={`orders-tab-${tab}`} className="flex flex-col gap-4">
          {query.isPending ? (
            <LoadingRegion label="Loading your orders">
              <div className="flex flex-col gap-4">
                {[0, 1, 2].map((i) => (
                  <div key={i} className="card flex gap-4 p-5">
                    <Skeleton className="size-20" />
                    <div className="flex flex-1 flex-col gap-2">
                      <Skeleton className="h-5 w-2/3" />
                      <Skeleton className="h-4 w-1/3" />
                      <Skeleton className="h-4 w-1/2" />
                    </div>
                  </div>
                ))}
              </div>
            </LoadingRegion>
          ) : query.isError ? (
            <ErrorState title="Your orders could not be loaded" message={decodeError(query.error).message} onRetry={() => void query.refetch()} />
          ) : (
            <OrderList orders={query.data} tab={tab} show={show} viewer={role} now={now} ratings={ratings} onShow={(s) => update({ show: s })} />
          )}
        </div>
      </section>
    </div>
  );
}

function PageTitle() {
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Your orders</h1>
      <p className="mt-1 text-muted">What you bought and sold on Souk, and the money waiting for you.</p>
    </div>
  );
}

function OrderList({
  orders,
  tab,
  show,
  viewer,
  now,
  ratings,
  onShow,
}: {
  orders: Order[];
  tab: Tab;
  show: Show;
  viewer: "buyer" | "seller";
  now: number;
  ratings: Map<bigint, RatingFlags>;
  onShow: (show: Show) => void;
}) {
  const shown = orders.filter((order) => show === "all" || (show === "open") === isOpen(order));
  const noun = tab === "purchases" ? "purchases" : "sales";
  if (orders.length === 0) {
    return tab === "purchases" ? (
      <EmptyState title="No purchases yet" action={<Link className="font-medium text-brand underline" to="/">Browse listings</Link>}>
        When you buy something, your payment waits safely in escrow until the order is delivered. Your purchases will
        be listed here.
      </EmptyState>
    ) : (
      <EmptyState title="No sales yet" action={<Link className="font-medium text-brand underline" to="/sell">List something for sale</Link>}>
        When someone buys one of your listings, the order appears here with what to do next.
      </EmptyState>
    );
  }
  if (shown.length === 0) {
    const other: Show = show === "open" ? "ended" : "open";
    return (
      <EmptyState
        title={show === "open" ? `No open ${noun}` : `No ended ${noun}`}
        action={
          <Button variant="secondary" onClick={() => onShow(other)}>
            Show {other} {noun}
          </Button>
        }
      >
        {show === "open" ? "Every one of them has ended." : "None of them has ended yet."}
      </EmptyState>
    );
  }
  const steps = shown.map((order) => nextStep(order, viewer, now, ratings.get(order.id)));
  const waitingOnYou = steps.filter((step) => step.kind === "action").length;
  return (
    <>
      <p className="text-sm text-muted" aria-live="polite">
        {shown.length} {shown.length === 1 ? "order" : "orders"}
        {waitingOnYou > 0 && (
          <>
            {" · "}
            <span className="font-semibold text-brand">
              {waitingOnYou} {waitingOnYou === 1 ? "needs" : "need"} your action
            </span>
          </>
        )}
      </p>
      <ul className="flex flex-col gap-4">
        {shown.map((order, i) => (
          <OrderCard key={order.id.toString()} order={order} viewer={viewer} step={steps[i]!} />
        ))}
      </ul>
    </>
  );
}
