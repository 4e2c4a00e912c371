/**
 * Durations summarised the same way everywhere: nearest-rank percentiles (PostgreSQL's `percentile_disc`: the
 * smallest value with at least that share of the values at or below it), so that every figure is a duration that
 * actually happened and can be recomputed exactly.
 */

/** SQL selecting `count`, `median` and `p90` (seconds) of a duration expression, over the rows of the query. */
export function durationSummarySql(expression: string, prefix: string): string {
  return `count(${expression})::int AS ${prefix}_count,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY ${expression})::text AS ${prefix}_median,
    percentile_disc(0.9) WITHIN GROUP (ORDER BY ${expression})::text AS ${prefix}_p90`;
}

export interface DurationSummary {
  count: number;
  /** Seconds, or null without any value. */
  median: number | null;
  p90: number | null;
}

export function durationSummary(row: Record<string, unknown>, prefix: string): DurationSummary {
  const value = (key: string) => (row[`${prefix}_${key}`] === null ? null : Number(row[`${prefix}_${key}`]));
  return { count: Number(row[`${prefix}_count`]), median: value("median"), p90: value("p90") };
}
