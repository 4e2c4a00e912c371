/**
 * Whether the indexer answers, shared by every query (a store for useSyncExternalStore). A failed call marks it
 * down; while down the app reads the chain, and a health check every few seconds marks it up again.
 */
export type IndexerState = "unknown" | "up" | "down";

let state: IndexerState = "unknown";
const listeners = new Set<() => void>();

export function markIndexer(next: "up" | "down"): void {
  if (state === next) return;
  state = next;
  for (const listener of listeners) listener();
}

export function indexerState(): IndexerState {
  return state;
}

export function subscribeIndexer(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
