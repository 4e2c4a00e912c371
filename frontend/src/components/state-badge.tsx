import type { OrderStateName } from "@souk/sdk/contracts";

import { STATE_INFO, TONE_CLASSES } from "../lib/order-states.ts";

/** The order's state as a coloured pill; `withLine` adds the one-line explanation next to it. */
export function StateBadge({ state, withLine = false }: { state: OrderStateName; withLine?: boolean }) {
  const info = STATE_INFO[state];
  const badge = (
    <span className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONE_CLASSES[info.tone]}`}>
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      {info.label}
    </span>
  );
  if (!withLine) return badge;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      {badge}
      <span className="text-sm text-muted">{info.line}</span>
    </span>
  );
}
