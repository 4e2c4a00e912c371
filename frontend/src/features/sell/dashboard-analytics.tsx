/**
 * The dashboard's analytics (loaded with its charts only on the dashboard): revenue over time per currency, the
 * order funnel, time to ship, rating over time, repeat buyers, best-selling listings, stock alerts, and the sales
 * as CSV. From the indexer (GET /api/sellers/:address/analytics and /sales.csv); without it, a notice.
 */
import { formatDuration } from "@souk/sdk/format";
import { useState } from "react";
import { Link } from "react-router";
import type { Address } from "viem";

import { Button } from "../../components/button.tsx";
import { AmountSeries, BucketToggle } from "../../components/charts/amount-series.tsx";
import { SeriesChart } from "../../components/charts/series-chart.tsx";
import { Figure, FigureGrid, ShareBars } from "../../components/figures.tsx";
import { ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import { PricedAmount } from "../../components/priced-amount.tsx";
import { useSellerAnalytics } from "../../hooks/use-analytics.ts";
import { useIndexer } from "../../hooks/use-indexer.ts";
import { fetchSalesCsv, type SellerAnalytics } from "../../lib/analytics.ts";
import { Section } from "./section.tsx";

export default function DashboardAnalytics({ seller }: { seller: Address }) {
  const analytics = useSellerAnalytics(seller);
  if (!analytics.available) {
    return (
      <Section title="Sales analytics" description="Charts of your sales need the search service (the indexer), which is not answering right now.">
        <p className="text-sm text-muted">Your listings and orders above come from the chain and are up to date.</p>
      </Section>
    );
  }
  if (analytics.data === undefined) {
    return analytics.isError ? (
      <ErrorState title="Your sales analytics could not be loaded" message={analytics.error.message} onRetry={() => void analytics.refetch()} />
    ) : (
      <LoadingRegion label="Loading your sales analytics">
        <Skeleton className="h-64 w-full" />
      </LoadingRegion>
    );
  }
  return <Analytics data={analytics.data} seller={seller} />;
}

function Analytics({ data, seller }: { data: SellerAnalytics; seller: Address }) {
  const [bucket, setBucket] = useState<"day" | "week">("week");
  const f = data.funnel;
  return (
    <Section
      title="Sales analytics"
      description="From public chain data, recomputable by anyone: what you earned, how orders went, how fast you ship, how buyers rate you."
      aside={<CsvButton seller={seller} />}
    >
      <div className="flex flex-col gap-8" data-testid="dashboard-analytics">
        <FigureGrid label="Your figures">
          <Figure label="Orders" value={String(f.placed)} note={`${f.completed} completed, ${f.open} open`} />
          <Figure
            label="Time to ship"
            value={data.shipping.average === null ? "–" : formatDuration(data.shipping.average)}
            note={data.shipping.median === null ? "nothing shipped yet" : `on average; median ${formatDuration(data.shipping.median)}`}
          />
          <Figure label="Buyers" value={String(data.buyers.distinct)} note={`${data.buyers.repeat} came back (${data.buyers.ordersFromRepeat} orders)`} />
          <Figure
            label="Rating as a seller"
            value={data.ratings.average === null ? "–" : data.ratings.average.toFixed(2)}
            note={`${data.ratings.count} rating${data.ratings.count === 1 ? "" : "s"}`}
          />
        </FigureGrid>

        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold">Revenue</h3>
            <BucketToggle value={bucket} onChange={setBucket} name="revenue-bucket" />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            {data.revenue.map((r) => (
              <div key={r.token} className="card min-w-0 p-4">
                <AmountSeries token={r.token} points={bucket === "day" ? r.daily : r.weekly} bucket={bucket} title="Revenue" what="earned" />
                <p className="mt-2 text-sm">
                  In total: <PricedAmount amount={BigInt(r.total)} token={r.token} /> from {r.orders} order{r.orders === 1 ? "" : "s"}
                </p>
              </div>
            ))}
          </div>
        </div>

        <div className="flex flex-col gap-3">
          <h3 className="font-semibold">Orders, from payment to the end</h3>
          <ShareBars
            label="Order funnel"
            rows={[
              ["Placed", f.placed],
              ["Shipped", f.fulfilled],
              ["Completed", f.completed],
              ["Disputed", f.disputed],
              ["Settled", f.settled],
              ["Ruled", f.ruled],
              ["Declined", f.declined],
              ["Cancelled", f.cancelled],
              ["Still open", f.open],
            ]}
          />
        </div>

        {data.ratings.weekly.length > 0 && (
          <div className="card min-w-0 p-4">
            <SeriesChart
              title="Your average rating, per week"
              valueName="Average (ratings that week; all-time average by then)"
              kind="line"
              bucket="week"
              summary={`${data.ratings.count} rating${data.ratings.count === 1 ? "" : "s"} in ${data.ratings.weekly.length} week${data.ratings.weekly.length === 1 ? "" : "s"}; the all-time average went from ${data.ratings.weekly[0]!.cumulativeAverage.toFixed(2)} to ${data.ratings.weekly.at(-1)!.cumulativeAverage.toFixed(2)}.`}
              points={data.ratings.weekly.map((w) => ({
                start: w.start,
                value: w.average,
                label: `${w.average.toFixed(2)} (${w.count}); ${w.cumulativeAverage.toFixed(2)} (${w.cumulativeCount})`,
              }))}
            />
          </div>
        )}

        <div className="grid gap-6 lg:grid-cols-2">
          <div className="flex flex-col gap-3">
            <h3 className="font-semibold">Best sellers</h3>
            {data.bestSellers.length === 0 ? (
              <p className="text-sm text-muted">No sales yet.</p>
            ) : (
              <ol className="card flex flex-col divide-y divide-border text-sm" aria-label="Best-selling listings">
                {data.bestSellers.map((b) => (
                  <li key={b.listingId} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-2">
                    <Link to={`/listing/${b.listingId}`} className="font-medium break-words hover:underline">
                      {b.title ?? `Listing #${b.listingId}`}
                    </Link>
                    <span className="text-muted">
                      {b.units} sold in {b.orders} order{b.orders === 1 ? "" : "s"}, <PricedAmount amount={BigInt(b.amount)} token={b.token} />
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </div>
          <div className="flex flex-col gap-3">
            <h3 className="font-semibold">Stock alerts</h3>
            {data.stockAlerts.length === 0 ? (
              <p className="text-sm text-muted">No open listing is sold out or running low.</p>
            ) : (
              <ul className="card flex flex-col divide-y divide-border text-sm" aria-label="Stock alerts" data-testid="stock-alerts">
                {data.stockAlerts.map((a) => (
                  <li key={a.listingId} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-2">
                    <span className="min-w-0 break-words">
                      <strong className={a.kind === "sold-out" ? "text-danger" : "text-warning"}>{a.kind === "sold-out" ? "Sold out" : "Running low"}</strong>{" "}
                      {a.title ?? `Listing #${a.listingId}`}
                      <span className="block text-muted">
                        {a.kind === "sold-out"
                          ? `${a.soldRecently} sold in the last 30 days`
                          : `${a.stock} left, ${a.soldRecently} sold in the last 30 days: about ${a.daysLeft} days at that pace`}
                      </span>
                    </span>
                    <Link to={`/listing/${a.listingId}/edit`} className="font-medium text-brand hover:underline">
                      Restock or close
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </div>
    </Section>
  );
}

/** Downloads the sales CSV from the indexer (one row per order, exact in each token's decimals). */
function CsvButton({ seller }: { seller: Address }) {
  const indexer = useIndexer();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  if (indexer === undefined) return null;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        busy={state === "busy"}
        onClick={async () => {
          setState("busy");
          try {
            const blob = await fetchSalesCsv(indexer, seller);
            const url = URL.createObjectURL(blob);
            const link = document.createElement("a");
            link.href = url;
            link.download = `souk-sales-${seller.toLowerCase()}.csv`;
            link.click();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
            setState("idle");
          } catch {
            setState("failed");
          }
        }}
      >
        Download sales (CSV)
      </Button>
      {state === "failed" && <span className="text-xs text-danger">The download failed; try again.</span>}
    </div>
  );
}
