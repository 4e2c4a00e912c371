import { useId, useState } from "react";

import { bpsToPercentText, FULL_SHARE_BPS, HALF_SHARE_BPS, parsePercent, splitText } from "../lib/share.ts";

const PRESETS: Array<{ label: string; bps: bigint }> = [
  { label: "All to the seller", bps: 0n },
  { label: "50 / 50", bps: HALF_SHARE_BPS },
  { label: "Full refund", bps: FULL_SHARE_BPS },
];

/**
 * The buyer's share of an escrowed amount: a slider in 1 % steps for quick choices and a number field for exact
 * ones (0.01 % steps, the contract's precision). Reports basis points, or undefined while the typed text is invalid.
 */
export function ShareInput({
  value,
  onChange,
  label = "Buyer's share",
}: {
  value: bigint | undefined;
  onChange: (bps: bigint | undefined) => void;
  label?: string;
}) {
  const id = useId();
  const [text, setText] = useState(() => (value === undefined ? "" : bpsToPercentText(value)));
  const [lastValid, setLastValid] = useState<bigint>(value ?? HALF_SHARE_BPS);
  const parsed = parsePercent(text);

  // A value set from outside (a preset, a reset after success) replaces what is typed; echoes of our own
  // onChange match the text already and leave it alone (React's "adjust state while rendering" pattern).
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== undefined && !(parsed.ok && parsed.bps === value)) {
      setText(bpsToPercentText(value));
      setLastValid(value);
    }
  }

  const set = (bps: bigint) => {
    setText(bpsToPercentText(bps));
    setLastValid(bps);
    onChange(bps);
  };
  const shown = parsed.ok ? parsed.bps : lastValid;
  const split = splitText(shown);
  const error = parsed.ok ? undefined : parsed.error;

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      <div className="flex items-center gap-3">
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={Number(shown) / 100}
          onChange={(event) => set(BigInt(event.target.value) * 100n)}
          aria-label={`${label} (slider, 1 % steps)`}
          aria-valuetext={`Buyer ${split.buyer}, seller ${split.seller}`}
          className="h-2 min-w-0 flex-1 cursor-pointer accent-brand"
        />
        <div className="relative w-28 shrink-0">
          <input
            id={`${id}-number`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              const next = parsePercent(event.target.value);
              if (next.ok) setLastValid(next.bps);
              onChange(next.ok ? next.bps : undefined);
            }}
            aria-label={`${label} in percent`}
            aria-invalid={error !== undefined || undefined}
            aria-describedby={`${id}-help${error === undefined ? "" : ` ${id}-error`}`}
            className="input pr-8 text-right font-medium tabular-nums"
          />
          <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-muted">
            %
          </span>
        </div>
      </div>
      <div className="flex justify-between text-xs text-muted" aria-hidden="true">
        <span>Seller {split.seller}</span>
        <span>Buyer {split.buyer}</span>
      </div>
      <div className="flex flex-wrap gap-2">
        {PRESETS.map((preset) => (
          <button
            key={preset.label}
            type="button"
            onClick={() => set(preset.bps)}
            aria-pressed={parsed.ok && parsed.bps === preset.bps}
            className="rounded-full border border-border px-3 py-1 text-xs font-medium hover:bg-surface-muted aria-pressed:border-brand aria-pressed:bg-brand-soft aria-pressed:text-brand"
          >
            {preset.label}
          </button>
        ))}
      </div>
      <p id={`${id}-help`} className="text-xs text-muted">
        Drag in 1 % steps, or type an exact share (down to 0.01 %).
      </p>
      {error !== undefined && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}
