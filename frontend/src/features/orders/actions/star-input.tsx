import { useId, useState } from "react";

export const SCORE_WORDS = ["", "Poor", "Fair", "Good", "Very good", "Excellent"] as const;

/**
 * 1-5 stars as a native radio group: Tab reaches it, the arrow keys change the score, screen readers announce
 * "4 stars, Very good". Hovering previews a score with the mouse.
 */
export function StarInput({ value, onChange, legend, error }: { value: number | undefined; onChange: (score: number) => void; legend: string; error?: string }) {
  const name = useId();
  const [hover, setHover] = useState<number | undefined>(undefined);
  const shown = hover ?? value ?? 0;
  return (
    <fieldset aria-describedby={`${name}-state`} className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex items-center gap-3">
        <div className="flex" onMouseLeave={() => setHover(undefined)}>
          {[1, 2, 3, 4, 5].map((score) => (
            <label
              key={score}
              className="cursor-pointer rounded-[var(--radius-control)] px-0.5 text-3xl leading-none has-focus-visible:outline-3 has-focus-visible:outline-focus"
              onMouseEnter={() => setHover(score)}
            >
              <input
                type="radio"
                name={name}
                value={score}
                checked={value === score}
                onChange={() => onChange(score)}
                className="sr-only"
                aria-invalid={error !== undefined || undefined}
              />
              <span aria-hidden="true" className={score <= shown ? "text-accent" : "text-border"}>
                ★
              </span>
              <span className="sr-only">
                {score} {score === 1 ? "star" : "stars"}, {SCORE_WORDS[score]}
              </span>
            </label>
          ))}
        </div>
        <span id={`${name}-state`} className="text-sm font-medium text-muted" aria-live="polite">
          {shown > 0 ? SCORE_WORDS[shown] : "Choose 1 to 5 stars"}
        </span>
      </div>
      {error !== undefined && <p className="text-sm text-danger">{error}</p>}
    </fieldset>
  );
}
