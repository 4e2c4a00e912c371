import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";

import { ToastContext, type Toast, type ToastApi, type ToastTone } from "../lib/toasts.ts";

const TONES: Record<ToastTone, string> = {
  info: "border-border",
  pending: "border-brand",
  success: "border-success",
  error: "border-danger",
};
const ICONS: Record<ToastTone, string> = { info: "ℹ", pending: "…", success: "✓", error: "!" };

/** Notifications for transactions and uploads, announced to screen readers (polite; errors assertive). */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);
  const schedule = useCallback(
    (id: number, tone: ToastTone) => {
      clearTimeout(timers.current.get(id));
      if (tone === "pending") return;
      timers.current.set(id, setTimeout(() => dismiss(id), tone === "error" ? 12_000 : 6_000));
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      show(toast) {
        const id = nextId.current++;
        setToasts((all) => [...all.slice(-4), { ...toast, id }]);
        schedule(id, toast.tone);
        return id;
      },
      update(id, toast) {
        setToasts((all) => all.map((t) => (t.id === id ? { ...toast, id } : t)));
        schedule(id, toast.tone);
      },
      dismiss,
    }),
    [dismiss, schedule],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            aria-live={toast.tone === "error" ? "assertive" : "polite"}
            className={`card pointer-events-auto flex w-full max-w-sm gap-3 border-l-4 p-3 ${TONES[toast.tone]}`}
            data-testid="toast"
            data-tone={toast.tone}
          >
            <span aria-hidden="true" className="font-bold">
              {ICONS[toast.tone]}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium">{toast.title}</p>
              {toast.message !== undefined && <p className="text-sm break-words text-muted">{toast.message}</p>}
              {toast.link !== undefined && (
                <a className="text-sm text-brand underline" href={toast.link.href} target="_blank" rel="noreferrer noopener">
                  {toast.link.label}
                </a>
              )}
            </div>
            <button type="button" className="self-start text-muted" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
