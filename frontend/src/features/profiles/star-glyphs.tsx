/**
 * Five stars without the number, for places that print the number themselves (a big average) or read it out
 * (`label`, for a review's score). Without a label the stars are decoration.
 */
export function StarGlyphs({ value, label, className = "" }: { value: number; label?: string; className?: string }) {
  const full = Math.max(0, Math.min(5, Math.round(value)));
  const a11y = label === undefined ? { "aria-hidden": true } : { role: "img", "aria-label": label };
  return (
    <span {...a11y} className={`inline-flex tracking-tight ${className}`}>
      <span aria-hidden="true" className="text-accent">
        {"★".repeat(full)}
      </span>
      <span aria-hidden="true" className="text-border">
        {"★".repeat(5 - full)}
      </span>
    </span>
  );
}
