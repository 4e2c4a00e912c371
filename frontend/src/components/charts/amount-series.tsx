/**
 * A per-token amount series (volume, revenue) as a chart with its table and summary, daily or weekly. Amounts stay
 * exact in the table and the summary (the token's decimals); only the drawing uses floating point.
 */
import { formatAmount } from "@souk/sdk/format";
import { formatUnits, type Address } from "viem";

import { useToken } from "../../hooks/use-token.ts";
import type { SeriesPoint } from "../../lib/analytics.ts";
import { bucketLabel, SeriesChart } from "./series-chart.tsx";

export function AmountSeries({
  token,
  points,
  bucket,
  title,
  what,
}: {
  token: Address;
  points: readonly SeriesPoint[];
  bucket: "day" | "week";
  /** "Volume", "Revenue": the chart's title starts with it. */
  title: string;
  /** "sold", "earned": the summary's verb. */
  what: string;
}) {
  const info = useToken(token);
  if (info === undefined) return null;
  const amounts = points.map((p) => BigInt(p.amount));
  const total = amounts.reduce((a, b) => a + b, 0n);
  const orders = points.reduce((a, p) => a + p.orders, 0);
  const best = points.reduce<SeriesPoint | undefined>((top, p) => (top === undefined || BigInt(p.amount) > BigInt(top.amount) ? p : top), undefined);
  const span = bucket === "day" ? `the last ${points.length} days` : `the last ${points.length} weeks`;
  const summary =
    total === 0n
      ? `Nothing ${what} in ${info.symbol} over ${span}.`
      : `${formatAmount(total, info.decimals)} ${info.symbol} ${what} in ${orders} order${orders === 1 ? "" : "s"} over ${span}; the most in one ${bucket} was ${formatAmount(BigInt(best!.amount), info.decimals)} ${info.symbol} (${bucketLabel(best!.start, bucket)}).`;
  return (
    <SeriesChart
      title={`${title} in ${info.symbol}, per ${bucket}`}
      valueName={`${title} (${info.symbol})`}
      kind="bars"
      bucket={bucket}
      summary={summary}
      points={points.map((p) => ({
        start: p.start,
        value: Number(formatUnits(BigInt(p.amount), info.decimals)),
        label: `${formatAmount(BigInt(p.amount), info.decimals)} (${p.orders} order${p.orders === 1 ? "" : "s"})`,
      }))}
    />
  );
}

/** A radio group choosing days or weeks. */
export function BucketToggle({ value, onChange, name }: { value: "day" | "week"; onChange: (bucket: "day" | "week") => void; name: string }) {
  return (
    <fieldset className="flex items-center gap-1 text-sm">
      <legend className="sr-only">Show per day or per week</legend>
      {(["day", "week"] as const).map((bucket) => (
        <label
          key={bucket}
          className={`cursor-pointer rounded-[var(--radius-control)] px-3 py-1 ${value === bucket ? "bg-brand-soft font-medium text-brand" : "hover:bg-surface-muted"}`}
        >
          <input type="radio" name={name} className="sr-only" checked={value === bucket} onChange={() => onChange(bucket)} />
          {bucket === "day" ? "Daily (90 days)" : "Weekly (52 weeks)"}
        </label>
      ))}
    </fieldset>
  );
}
