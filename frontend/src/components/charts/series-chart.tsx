/**
 * A time series drawn with uPlot (about 23 KB gzip, fetched only when a chart is on screen), with its text
 * equivalent: a one-sentence summary and the full table of values under "Show the numbers". The canvas is hidden
 * from screen readers, which get the summary and the table. Colours come from the theme's CSS variables and follow
 * the light/dark switch; the width follows the container (375 px phones included).
 */
import { useEffect, useId, useRef } from "react";

import { useChartTheme } from "./use-chart-theme.ts";

export interface ChartPoint {
  /** Bucket start, Unix seconds (UTC). */
  start: number;
  /** The value as drawn (a float is fine: the table shows the exact text). */
  value: number;
  /** The exact value as text, for the table. */
  label: string;
}

export interface SeriesChartProps {
  title: string;
  /** Header of the values' column in the table. */
  valueName: string;
  points: readonly ChartPoint[];
  kind: "bars" | "line";
  bucket: "day" | "week";
  /** One or two sentences saying what the chart shows (its text equivalent). */
  summary: string;
  height?: number;
}

const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function bucketLabel(start: number, bucket: "day" | "week"): string {
  const text = DAY_FORMAT.format(new Date(start * 1000));
  return bucket === "week" ? `week of ${text}` : text;
}

export function SeriesChart({ title, valueName, points, kind, bucket, summary, height = 200 }: SeriesChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const theme = useChartTheme();
  const captionId = useId();

  useEffect(() => {
    const element = container.current;
    if (element === null || theme === undefined) return;
    let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | undefined;
    let cancelled = false;
    const observer = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height }));
    void import("./uplot.ts").then(({ drawSeries }) => {
      if (cancelled) return;
      chart = drawSeries(element, { points, kind, height, theme, valueName });
      observer.observe(element);
    });
    return () => {
      cancelled = true;
      observer.disconnect();
      chart?.destroy();
    };
  }, [points, kind, height, theme, valueName]);

  return (
    <figure className="flex min-w-0 flex-col gap-2" aria-labelledby={captionId}>
      <figcaption id={captionId} className="text-sm font-semibold">
        {title}
      </figcaption>
      <div ref={container} aria-hidden="true" className="w-full min-w-0 overflow-hidden" style={{ height }} data-testid="chart-canvas" />
      <p className="text-sm text-muted">{summary}</p>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand">Show the numbers</summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-[var(--radius-control)] border border-border">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-surface-muted">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium">
                  {bucket === "day" ? "Day (UTC)" : "Week (UTC, from Monday)"}
                </th>
                <th scope="col" className="px-3 py-1.5 text-right font-medium">
                  {valueName}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {points.map((p) => (
                <tr key={p.start}>
                  <th scope="row" className="px-3 py-1 font-normal">
                    {bucketLabel(p.start, bucket)}
                  </th>
                  <td className="px-3 py-1 text-right">{p.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
