import type { ScoreBucket } from "./reviews.ts";

/** A horizontal bar per score, five stars first; the numbers are read out, the bars are decoration. */
export function ScoreBars({ buckets, label }: { buckets: ScoreBucket[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-1.5">
      {buckets.map((bucket) => (
        <li key={bucket.score} className="grid grid-cols-[2.75rem_1fr_2rem] items-center gap-2 text-sm">
          <span className="sr-only">
            {bucket.score} {bucket.score === 1 ? "star" : "stars"}: {bucket.count} {bucket.count === 1 ? "rating" : "ratings"} ({bucket.percent}%)
          </span>
          <span aria-hidden="true" className="text-muted tabular-nums">
            {bucket.score} <span className="text-accent">★</span>
          </span>
          <span aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-surface-muted">
            <span
              className="block h-full rounded-full bg-accent transition-[width] duration-500"
              style={{ width: `${bucket.percent}%` }}
              data-testid={`bar-${bucket.score}`}
            />
          </span>
          <span aria-hidden="true" className="text-right text-muted tabular-nums">
            {bucket.count}
          </span>
        </li>
      ))}
    </ul>
  );
}
