import { useEffect, useId, useRef } from "react";

import { Button } from "../../components/button.tsx";
import { emptyAttribute, type AttributeRow } from "./draft.ts";
import { Icon } from "./icons.tsx";
import { MAX_ATTRIBUTES } from "./limits.ts";

/**
 * Name/value pairs ("Material: stoneware"). Adding a row moves focus into it; removing one moves focus to the next
 * row (or the add button), so keyboard users never lose their place.
 */
export function AttributesEditor({
  rows,
  onChange,
  errorOf,
}: {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  errorOf: (key: string) => string | undefined;
}) {
  const list = useRef<HTMLUListElement>(null);
  const addButtonId = useId();
  const focusNext = useRef<{ id?: string } | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    const input = target.id === undefined ? null : list.current?.querySelector<HTMLInputElement>(`[data-row="${target.id}"]`);
    (input ?? document.getElementById(addButtonId))?.focus();
  });

  const update = (id: string, patch: Partial<AttributeRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    focusNext.current = { id: (next[index] ?? next[index - 1])?.id };
    onChange(next);
  };
  const add = () => {
    const row = emptyAttribute();
    focusNext.current = { id: row.id };
    onChange([...rows, row]);
  };

  return (
    <div className="flex flex-col gap-3">
      <ul ref={list} className="flex flex-col gap-3" aria-label="Item details">
        {rows.map((row, index) => {
          const nameError = errorOf(`attributes.${row.id}.name`);
          const valueError = errorOf(`attributes.${row.id}.value`);
          const nameId = `${row.id}-name`;
          const valueId = `${row.id}-value`;
          return (
            <li key={row.id} className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto]">
              <div className="flex flex-col gap-1">
                <label htmlFor={nameId} className="sr-only">
                  Detail {index + 1}: name
                </label>
                <input
                  id={nameId}
                  className="input"
                  value={row.name}
                  maxLength={60}
                  placeholder={index === 0 ? "Material" : "Name"}
                  data-row={row.id}
                  data-field={`attributes.${row.id}.name`}
                  aria-invalid={nameError !== undefined || undefined}
                  aria-describedby={nameError === undefined ? undefined : `${nameId}-error`}
                  onChange={(event) => update(row.id, { name: event.target.value })}
                />
                {nameError !== undefined && (
                  <p id={`${nameId}-error`} className="text-sm text-danger">
                    {nameError}
                  </p>
                )}
              </div>
              <div className="col-span-2 row-start-2 flex flex-col gap-1 sm:col-span-1 sm:row-start-auto">
                <label htmlFor={valueId} className="sr-only">
                  Detail {index + 1}: value
                </label>
                <input
                  id={valueId}
                  className="input"
                  value={row.value}
                  maxLength={240}
                  placeholder={index === 0 ? "Speckled stoneware" : "Value"}
                  data-field={`attributes.${row.id}.value`}
                  aria-invalid={valueError !== undefined || undefined}
                  aria-describedby={valueError === undefined ? undefined : `${valueId}-error`}
                  onChange={(event) => update(row.id, { value: event.target.value })}
                />
                {valueError !== undefined && (
                  <p id={`${valueId}-error`} className="text-sm text-danger">
                    {valueError}
                  </p>
                )}
              </div>
              <button
                type="button"
                className="col-start-2 row-start-1 flex size-[2.625rem] items-center justify-center rounded-[var(--radius-control)] border border-border text-muted hover:bg-danger-soft hover:text-danger sm:col-start-3"
                aria-label={`Remove detail ${index + 1}${row.name.trim() === "" ? "" : ` (${row.name.trim()})`}`}
                onClick={() => remove(index)}
              >
                <Icon name="trash" className="size-4" />
              </button>
            </li>
          );
        })}
      </ul>
      {errorOf("attributes") !== undefined && <p className="text-sm text-danger">{errorOf("attributes")}</p>}
      <div>
        <Button id={addButtonId} variant="secondary" size="sm" disabled={rows.length >= MAX_ATTRIBUTES} onClick={add}>
          <Icon name="plus" className="size-4" />
          Add a detail
        </Button>
        {rows.length >= MAX_ATTRIBUTES && <span className="ml-3 text-sm text-muted">That is the maximum of {MAX_ATTRIBUTES}.</span>}
      </div>
    </div>
  );
}
