/** Key figures and shares, as plain HTML that is its own text equivalent (used by /stats and the dashboard). */
import type { ReactNode } from "react";

/** Key figures as a description list of cards. */
export function FigureGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {children}
    </dl>
  );
}

export function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="card flex min-w-0 flex-col gap-1 p-4">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="text-2xl font-bold break-words tabular-nums">{value}</dd>
      {note !== undefined && <dd className="text-xs text-muted">{note}</dd>}
    </div>
  );
}

/** Counts as horizontal bars (plain HTML: the numbers are the text, the bars only show proportions). */
export function ShareBars({ label, rows }: { label: string; rows: ReadonlyArray<readonly [string, number]> }) {
  const total = rows.reduce((a, [, n]) => a + n, 0);
  return (
    <ul aria-label={label} className="card flex flex-col gap-2 p-4">
      {rows.map(([name, n]) => (
        <li key={name} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 text-sm sm:grid-cols-[16rem_minmax(0,1fr)_auto]">
          <span>{name}</span>
          <span className="order-3 col-span-2 h-2.5 rounded-full bg-surface-muted sm:order-none sm:col-span-1" aria-hidden="true">
            <span className="block h-full rounded-full bg-brand" style={{ width: total === 0 ? 0 : `${(n / total) * 100}%` }} />
          </span>
          <span className="text-right font-medium tabular-nums">
            {n}
            <span className="text-muted"> ({total === 0 ? 0 : Math.round((n / total) * 100)}%)</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
