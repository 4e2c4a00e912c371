const grouping = new Intl.NumberFormat("en-US");

/** A count with thousands separators ("1,000"); one shared formatter (toLocaleString builds one per call). */
export function formatCount(value: number | bigint): string {
  return grouping.format(value);
}
