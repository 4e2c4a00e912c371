import { lazy, Suspense, useCallback, useMemo, useRef, useState, type ReactNode } from "react";

import { ToastContext, type Toast, type ToastApi, type ToastTone } from "../lib/toasts.ts";
import { QuietBoundary } from "./quiet-boundary.tsx";

// Drawing and placing the notifications loads with the other deferred pieces (by the first notification, the page
// has long loaded them): the first page does not carry it.
const ToastStack = lazy(() => import("../app/deferred-ui.ts").then((m) => ({ default: m.ToastStack })));

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
      {toasts.length > 0 && (
        <QuietBoundary>
          <Suspense fallback={null}>
            <ToastStack toasts={toasts} dismiss={dismiss} />
          </Suspense>
        </QuietBoundary>
      )}
    </ToastContext.Provider>
  );
}
