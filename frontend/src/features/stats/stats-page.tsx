import { formatDuration } from "@souk/sdk/format";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";

import { AmountSeries, BucketToggle } from "../../components/charts/amount-series.tsx";
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import { PricedAmount } from "../../components/priced-amount.tsx";
import { TokenAmount } from "../../components/token-amount.tsx";
import { useMarketStats } from "../../hooks/use-analytics.ts";
import { useDocumentTitle } from "../../hooks/use-document-title.ts";
import type { MarketStats } from "../../lib/analytics.ts";
import { Figure, FigureGrid, ShareBars } from "../../components/figures.tsx";
import { METHODS } from "./methods.ts";

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** /stats: the market's figures from the indexer, every one recomputable from public chain data. */
export default function StatsPage() {
  const stats = useMarketStats();
  useDocumentTitle("Market statistics");
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Market statistics</h1>
        <p className="max-w-3xl text-muted">
          Computed from public data alone, the contracts' events and the listings' documents, with nothing collected about
          anyone. Every figure can be recomputed from the chain: <a href="#methods" className="text-brand underline">how each one is computed</a>.
        </p>
      </header>
      {!stats.available ? (
        <EmptyState title="Statistics need the search service">
          Market statistics are computed by the indexer, which is not answering right now. Listings, orders and payments work
          without it.
        </EmptyState>
      ) : stats.data === undefined ? (
        stats.isError ? (
          <ErrorState title="The statistics could not be loaded" message={stats.error.message} onRetry={() => void stats.refetch()} />
        ) : (
          <LoadingRegion label="Loading the statistics">
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-24 w-full" />
              ))}
            </div>
            <Skeleton className="mt-6 h-64 w-full" />
          </LoadingRegion>
        )
      ) : (
        <Statistics stats={stats.data} />
      )}
    </div>
  );
}

function Statistics({ stats }: { stats: MarketStats }) {
  const [bucket, setBucket] = useState<"day" | "week">("week");
  const o = stats.outcomes;
  const ended = o.completed + o.settled + o.ruled + o.declined + o.cancelled;
  const rate = stats.disputes.rate;
  return (
    <>
      <p className="text-sm text-muted">
        As of {DATE.format(new Date(stats.asOf * 1000))} UTC (the last block indexed).
      </p>
      <FigureGrid label="Key figures">
        <Figure label="Orders placed" value={stats.orders.total.toLocaleString("en")} note={`${ended.toLocaleString("en")} ended`} />
        <Figure
          label="Dispute rate"
          value={rate === null ? "–" : `${(rate * 100).toFixed(1)}%`}
          note={`${stats.disputes.disputed} of ${stats.disputes.orders} orders`}
        />
        <Figure
          label="Time to ship"
          value={stats.timing.toFulfil.median === null ? "–" : formatDuration(stats.timing.toFulfil.median)}
          note={stats.timing.toFulfil.p90 === null ? "no order shipped yet" : `median; 9 in 10 within ${formatDuration(stats.timing.toFulfil.p90)}`}
        />
        <Figure
          label="Time to complete"
          value={stats.timing.toComplete.median === null ? "–" : formatDuration(stats.timing.toComplete.median)}
          note={stats.timing.toComplete.p90 === null ? "no order completed yet" : `median; 9 in 10 within ${formatDuration(stats.timing.toComplete.p90)}`}
        />
        <Figure label={`Active sellers (${stats.active.days} days)`} value={stats.active.sellers.toLocaleString("en")} />
        <Figure label={`Active buyers (${stats.active.days} days)`} value={stats.active.buyers.toLocaleString("en")} />
        <Figure label="Open listings" value={stats.listings.open.toLocaleString("en")} note={`${stats.listings.inStock.toLocaleString("en")} in stock`} />
        <Figure
          label="Ratings"
          value={stats.ratings.count.toLocaleString("en")}
          note={stats.ratings.average === null ? "none yet" : `average ${stats.ratings.average.toFixed(2)} of 5`}
        />
      </FigureGrid>

      <Section
        id="volume"
        title="Volume"
        description="Orders that paid the seller, by the day or week they ended, per currency (amounts in different tokens are not added)."
        aside={<BucketToggle value={bucket} onChange={setBucket} name="volume-bucket" />}
      >
        <div className="grid gap-6 lg:grid-cols-2">
          {stats.volume.map((v) => (
            <div key={v.token} className="card min-w-0 p-4">
              <AmountSeries token={v.token} points={bucket === "day" ? v.daily : v.weekly} bucket={bucket} title="Volume" what="sold" />
            </div>
          ))}
        </div>
      </Section>

      <Section id="outcomes" title="Orders by outcome" description="Every order placed, by how it ended or where it stands.">
        <ShareBars
          label="Orders by outcome"
          rows={[
            ["Completed by the buyer", o.completed - o.completedByTimeout],
            ["Completed after the confirmation window", o.completedByTimeout],
            ["Settled by agreement", o.settled - o.settledByTimeout],
            ["Settled 50/50 after the ruling window", o.settledByTimeout],
            ["Ruled by the arbiter", o.ruled],
            ["Declined by the seller (refunded)", o.declined],
            ["Cancelled after the shipping deadline (refunded)", o.cancelled],
            ["Open: paid, waiting to ship", o.open.funded],
            ["Open: shipped, waiting for the buyer", o.open.fulfilled],
            ["Open: in dispute", o.open.disputed],
          ]}
        />
      </Section>

      <Section id="categories" title="Listings and sales per category">
        <div className="card overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm tabular-nums">
            <caption className="sr-only">Listings and sales per category</caption>
            <thead className="bg-surface-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Category</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Listings (open)</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Orders</th>
                <th scope="col" className="px-4 py-2 text-right font-medium">Sales</th>
                <th scope="col" className="px-4 py-2 font-medium">Sales volume</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {stats.categories.map((c) => (
                <tr key={c.category}>
                  <th scope="row" className="px-4 py-2 font-medium">
                    <Link to={`/?category=${encodeURIComponent(c.category)}`} className="hover:underline">
                      {c.category}
                    </Link>
                  </th>
                  <td className="px-4 py-2 text-right">
                    {c.listings} ({c.openListings})
                  </td>
                  <td className="px-4 py-2 text-right">{c.orders}</td>
                  <td className="px-4 py-2 text-right">{c.sales}</td>
                  <td className="px-4 py-2">
                    {c.volume.length === 0 ? (
                      "–"
                    ) : (
                      <ul className="flex flex-col gap-0.5">
                        {c.volume.map((v) => (
                          <li key={v.token}>
                            <PricedAmount amount={BigInt(v.amount)} token={v.token} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="fees" title="Protocol fees" description="Fees credited to the protocol by ended orders, and what the fee recipient has withdrawn.">
        <div className="card overflow-x-auto">
          <table className="w-full text-left text-sm tabular-nums">
            <caption className="sr-only">Protocol fees per currency</caption>
            <thead className="bg-surface-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Collected</th>
                <th scope="col" className="px-4 py-2 font-medium">Withdrawn</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {stats.protocolFees.map((f) => (
                <tr key={f.token}>
                  <td className="px-4 py-2">
                    <PricedAmount amount={BigInt(f.collected)} token={f.token} />
                  </td>
                  <td className="px-4 py-2">
                    <TokenAmount amount={BigInt(f.claimed)} token={f.token} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="methods" title="How each figure is computed">
        <dl className="card grid gap-4 p-5 text-sm sm:grid-cols-2">
          {METHODS.map(([name, text]) => (
            <div key={name} className="flex flex-col gap-1">
              <dt className="font-semibold">{name}</dt>
              <dd className="text-muted">{text}</dd>
            </div>
          ))}
        </dl>
      </Section>
    </>
  );
}

function Section({ id, title, description, aside, children }: { id: string; title: string; description?: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-4" id={id}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h2 id={`${id}-heading`} className="text-xl font-semibold">
            {title}
          </h2>
          {description !== undefined && <p className="text-sm text-muted">{description}</p>}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}
