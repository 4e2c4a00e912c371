import { useState, type ReactNode } from "react";

import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";

/** A button that asks first: the dialog says exactly what will happen, then the action runs with the dialog closed. */
export function ConfirmButton({
  label,
  variant = "primary",
  busy,
  disabled = false,
  title,
  body,
  confirmLabel,
  confirmVariant = "primary",
  onConfirm,
}: {
  label: string;
  variant?: "primary" | "secondary" | "danger";
  busy: boolean;
  disabled?: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  confirmVariant?: "primary" | "danger";
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} busy={busy} disabled={disabled} onClick={() => setOpen(true)} className="self-start">
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <div className="flex flex-col gap-4">
          <div className="flex flex-col gap-3 text-sm">{body}</div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Go back
            </Button>
            <Button
              variant={confirmVariant}
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
