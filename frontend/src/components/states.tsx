import type { ReactNode } from "react";

/** A designed empty state: what is missing, and what to do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="card flex flex-col items-center gap-3 px-6 py-12 text-center">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children !== undefined && <div className="max-w-md text-muted">{children}</div>}
      {action}
    </div>
  );
}

/** A failure the person can understand, with a way to retry when there is one. */
export function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="card flex flex-col items-center gap-3 border-danger/40 px-6 py-10 text-center">
      <h2 className="text-lg font-semibold text-danger">{title}</h2>
      <p className="max-w-md text-muted">{message}</p>
      {onRetry !== undefined && (
        <button type="button" className="rounded-[var(--radius-control)] border border-border px-4 py-2 text-sm" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Placeholder blocks while content loads (announced once, politely). */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div className={`animate-pulse rounded-[var(--radius-control)] bg-surface-muted ${className}`} aria-hidden="true" />;
}

export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-label={label}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
