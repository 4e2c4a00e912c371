import { useEffect, useRef, type ReactNode } from "react";

/** A modal dialog on the native <dialog> element: focus trap, Escape to close and an accessible name for free. */
export function Dialog({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-label={title}
      className="card m-auto w-[min(28rem,calc(100vw-2rem))] p-0 text-text backdrop:bg-black/50"
    >
      <div className="flex items-center justify-between border-b border-border px-5 py-3">
        <h2 className="font-semibold">{title}</h2>
        <button type="button" className="text-xl text-muted hover:text-text" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="p-5">{open && children}</div>
    </dialog>
  );
}
