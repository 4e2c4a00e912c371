import { useId, useState, type ReactNode } from "react";

import { Button } from "../../../components/button.tsx";

/** One thing the viewer can do: a title, what it does, and its control. Forms can start folded behind a button. */
export function ActionBlock({
  title,
  description,
  children,
  foldLabel,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
  /** When set, the content stays folded until this button is pressed. */
  foldLabel?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(foldLabel === undefined);
  return (
    <div className="flex flex-col gap-3 py-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 className="font-semibold">{title}</h3>
          <div className="mt-0.5 text-sm text-muted">{description}</div>
        </div>
        {foldLabel !== undefined && (
          <Button variant="secondary" className="shrink-0 self-start" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide" : foldLabel}
          </Button>
        )}
      </div>
      {/* Folded content stays mounted, so hiding a form never loses what was typed in it. */}
      <div id={id} hidden={!open} className="flex flex-col gap-3">
        {children}
      </div>
    </div>
  );
}

