/** A block time (unix seconds) as a readable local date and time: "3 Mar 2026, 14:05". */
export function formatDateTime(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
