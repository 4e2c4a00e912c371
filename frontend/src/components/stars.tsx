/** A rating out of 5 as stars, with the number for screen readers and people who prefer digits. */
export function Stars({ value, count, size = "sm" }: { value: number | undefined; count?: number; size?: "sm" | "lg" }) {
  if (value === undefined) return <span className="text-sm text-muted">No ratings yet</span>;
  const full = Math.round(value);
  return (
    <span className={`inline-flex items-center gap-1 ${size === "lg" ? "text-lg" : "text-sm"}`}>
      <span aria-hidden="true" className="text-accent">
        {"★".repeat(full)}
        <span className="text-border">{"★".repeat(5 - full)}</span>
      </span>
      <span>
        {value.toFixed(1)}
        <span className="sr-only"> out of 5</span>
        {count !== undefined && <span className="text-muted"> ({count})</span>}
      </span>
    </span>
  );
}
