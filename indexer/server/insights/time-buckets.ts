/**
 * Time for analytics: "now" is the timestamp of the last block indexed (so that every figure follows from the chain
 * alone and a test can recompute it), and series are zero-filled UTC days or ISO weeks (Monday 00:00 UTC).
 */
import type { ApiContext } from "../context.ts";

export const DAY = 86_400;
export const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: ISO weeks start three days before the epoch's week boundary. */
const WEEK_SHIFT = 3 * DAY;

export type BucketSize = "day" | "week";

/** How many buckets a series has, ending with the one that holds "now". */
export const SERIES_LENGTH: Record<BucketSize, number> = { day: 90, week: 52 };

/** The start of the bucket holding `timestamp` (Unix seconds). */
export function bucketStart(timestamp: number, size: BucketSize): number {
  return size === "day" ? Math.floor(timestamp / DAY) * DAY : Math.floor((timestamp + WEEK_SHIFT) / WEEK) * WEEK - WEEK_SHIFT;
}

/** The same in SQL, for a numeric column of Unix seconds. */
export function bucketSql(column: string, size: BucketSize): string {
  return size === "day"
    ? `(floor(${column} / ${DAY}) * ${DAY})::bigint`
    : `(floor((${column} + ${WEEK_SHIFT}) / ${WEEK}) * ${WEEK} - ${WEEK_SHIFT})::bigint`;
}

/** The starts of the series' buckets, oldest first, the last one holding `asOf`. */
export function bucketStarts(asOf: number, size: BucketSize, count = SERIES_LENGTH[size]): number[] {
  const last = bucketStart(asOf, size);
  const step = size === "day" ? DAY : WEEK;
  return Array.from({ length: count }, (_, i) => last - (count - 1 - i) * step);
}

/** A zero-filled series: one point per bucket, from the rows found (keyed by bucket start). */
export function fillSeries<T>(starts: number[], found: ReadonlyMap<number, T>, empty: T): Array<{ start: number } & T> {
  return starts.map((start) => ({ start, ...(found.get(start) ?? empty) }));
}

/** Digits of the block timestamp at the start of a Ponder checkpoint. */
const CHECKPOINT_TIMESTAMP_DIGITS = 10;

/** The timestamp of the last block Ponder indexed, or the clock's time while nothing is indexed yet. */
export async function indexedTime(ctx: ApiContext): Promise<number> {
  const { rows } = await ctx.pool
    .query<{ latest_checkpoint: string }>(`SELECT latest_checkpoint FROM ${ctx.schema}._ponder_checkpoint LIMIT 1`)
    .catch(() => ({ rows: [] as Array<{ latest_checkpoint: string }> }));
  const checkpoint = rows[0]?.latest_checkpoint;
  return checkpoint === undefined ? Math.floor(Date.now() / 1000) : Number(checkpoint.slice(0, CHECKPOINT_TIMESTAMP_DIGITS));
}
