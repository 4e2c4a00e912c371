import { useId, type ReactNode } from "react";

/** One titled part of a long form: a card with a heading that names it for screen readers. */
export function Section({
  title,
  description,
  aside,
  children,
}: {
  title: string;
  description?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card flex flex-col gap-5 p-5 sm:p-6">
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <h2 id={id} className="text-lg font-semibold">
            {title}
          </h2>
          {description !== undefined && <p className="text-sm text-muted">{description}</p>}
        </div>
        {aside !== undefined && <div className="shrink-0">{aside}</div>}
      </div>
      {children}
    </section>
  );
}

/** A small coloured label for a listing's or an order's status. */
export function Badge({ tone, children }: { tone: "success" | "warning" | "danger" | "neutral" | "brand"; children: ReactNode }) {
  const tones = {
    success: "bg-success-soft text-success",
    warning: "bg-warning-soft text-warning",
    danger: "bg-danger-soft text-danger",
    neutral: "bg-surface-muted text-muted",
    brand: "bg-brand-soft text-brand",
  } as const;
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${tones[tone]}`}>
      {children}
    </span>
  );
}
