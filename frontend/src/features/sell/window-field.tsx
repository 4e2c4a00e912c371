import { useId } from "react";

import { describeWindow, type WindowInput } from "./windows.ts";

/** A time window typed as days and hours, with its meaning in plain words and the total read back. */
export function WindowField({
  label,
  help,
  value,
  onChange,
  error,
  field,
}: {
  label: string;
  help: string;
  value: WindowInput;
  onChange: (value: WindowInput) => void;
  error: string | undefined;
  field: string;
}) {
  const id = useId();
  const total = describeWindow(value);
  const describedBy = `${id}-help${error === undefined ? "" : ` ${id}-error`}`;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy}>
      <legend className="mb-1 text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap items-center gap-3">
        {(["days", "hours"] as const).map((unit) => (
          <div key={unit} className="flex items-center gap-2">
            <input
              id={`${id}-${unit}`}
              className="input w-20 text-right tabular-nums"
              inputMode="numeric"
              value={value[unit]}
              maxLength={3}
              aria-invalid={error !== undefined || undefined}
              data-field={field}
              onChange={(event) => onChange({ ...value, [unit]: event.target.value.replace(/[^\d]/g, "") })}
            />
            <label htmlFor={`${id}-${unit}`} className="text-sm text-muted">
              {unit}
            </label>
          </div>
        ))}
        {total !== "" && error === undefined && (
          <span className="text-sm text-muted" aria-live="polite">
            = {total}
          </span>
        )}
      </div>
      <p id={`${id}-help`} className="text-xs text-muted">
        {help}
      </p>
      {error !== undefined && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </fieldset>
  );
}
