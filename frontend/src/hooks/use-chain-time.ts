import { useBlock } from "wagmi";

import { useNow } from "./use-now.ts";

/**
 * The chain's clock in unix seconds, ticking every second: the latest block's timestamp plus the wall-clock time
 * since it was seen. Deadlines are enforced by block time, which can differ from this computer's clock (and on a
 * local chain can be moved forward), so every "can I act now?" decision uses this, not Date.now().
 */
export function useChainTime(): number {
  const now = useNow();
  const { data: block, dataUpdatedAt } = useBlock({ watch: true });
  if (block === undefined) return now;
  const sinceSeen = Math.max(0, now - Math.floor(dataUpdatedAt / 1000));
  return Number(block.timestamp) + sinceSeen;
}
