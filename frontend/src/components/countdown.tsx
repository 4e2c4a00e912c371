import { formatCountdown } from "@souk/sdk/format";

import { useChainTime } from "../hooks/use-chain-time.ts";

/** Time left until a deadline by the chain's clock, with the exact date on hover. */
export function Countdown({ deadline, label }: { deadline: bigint; label: string }) {
  const now = useChainTime();
  const date = new Date(Number(deadline) * 1000);
  const passed = Number(deadline) <= now;
  return (
    <span className={passed ? "text-danger" : ""} title={date.toLocaleString()}>
      {label}: <time dateTime={date.toISOString()}>{formatCountdown(deadline, now)}</time>
    </span>
  );
}
