/** An average rounded to two decimals, or null when there is nothing to average. */
export function average(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum / count) * 100) / 100;
}

/** A block number or timestamp column (numeric in PostgreSQL, read as text) as a number, keeping nulls. */
export function num(value: string | null): number | null {
  return value === null ? null : Number(value);
}
