import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";

import { env } from "../app/env.ts";
import { healthSchema, indexerGet } from "../lib/indexer.ts";
import { indexerState, subscribeIndexer, type IndexerState } from "../lib/indexer-status.ts";

/** How often a down indexer is asked whether it is back. */
const RETRY_MS = 5_000;

/**
 * The indexer's URL while it answers; undefined when none is configured or it is down, and the app reads the chain
 * instead. While it is down, its health is checked every few seconds, and the app moves back to it once it answers.
 */
export function useIndexer(): string | undefined {
  const state = useIndexerState();
  useQuery({
    queryKey: ["indexer-health"],
    enabled: env.indexerUrl !== undefined && state === "down",
    refetchInterval: RETRY_MS,
    retry: false,
    queryFn: () => indexerGet(env.indexerUrl!, "/health", healthSchema),
  });
  return env.indexerUrl !== undefined && state !== "down" ? env.indexerUrl : undefined;
}

/** "unknown" until the first answer; only meaningful when an indexer is configured. */
export function useIndexerState(): IndexerState {
  return useSyncExternalStore(subscribeIndexer, indexerState);
}
