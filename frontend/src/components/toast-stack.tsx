import { useLayoutEffect, useRef, useState } from "react";

import { placeToasts, TOAST_MARGIN, TOAST_MAX_WIDTH, type ToastPlacement } from "../lib/toast-placement.ts";
import type { Toast, ToastTone } from "../lib/toasts.ts";

const TONES: Record<ToastTone, string> = {
  info: "border-border",
  pending: "border-brand",
  success: "border-success",
  error: "border-danger",
};
const ICONS: Record<ToastTone, string> = { info: "ℹ", pending: "…", success: "✓", error: "!" };

/**
 * The notifications, placed where no action panel is (lib/toast-placement.ts): measured when they change, on scroll
 * and on resize, before the browser paints.
 */
export function ToastStack({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  const stack = useRef<HTMLDivElement>(null);
  // Each notification's own height, remembered: in the header band only the newest shows, and the placement must be
  // judged on the whole stack or it would flip between the two.
  const heights = useRef(new Map<number, number>());
  const [placement, setPlacement] = useState<ToastPlacement | undefined>(undefined);
  const shown = toasts.length > 0;
  useLayoutEffect(() => {
    if (!shown) return;
    let frame = 0;
    const place = () => {
      for (const element of stack.current?.children ?? []) {
        heights.current.set(Number((element as HTMLElement).dataset.id), element.scrollHeight);
      }
      for (const id of heights.current.keys()) if (!toasts.some((toast) => toast.id === id)) heights.current.delete(id);
      const stackHeight = toasts.reduce((sum, toast) => sum + (heights.current.get(toast.id) ?? 0), 0) + 8 * (toasts.length - 1);
      setPlacement(measurePlacement(stackHeight));
    };
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    place();
    window.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    // Panels grow and shrink (a purchase confirmed, a form unfolded): follow the page's layout too.
    const observer = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(measure);
    observer?.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
      observer?.disconnect();
    };
  }, [shown, toasts]);

  const inHeader = placement?.kind === "header";
  const visible = inHeader ? toasts.slice(-1) : toasts;
  return (
    <div
      ref={stack}
      data-testid="toasts"
      data-placement={placement?.kind}
      className="pointer-events-none fixed z-50 flex flex-col gap-2"
      style={
        placement === undefined
          ? { top: 0, left: 0, width: Math.min(TOAST_MAX_WIDTH, window.innerWidth - 2 * TOAST_MARGIN), visibility: "hidden" }
          : { top: placement.top, left: placement.left, width: placement.width }
      }
    >
      {visible.map((toast) => (
        <div
          key={toast.id}
          role={toast.tone === "error" ? "alert" : "status"}
          aria-live={toast.tone === "error" ? "assertive" : "polite"}
          className={`card pointer-events-auto flex w-full gap-3 border-l-4 p-3 ${inHeader ? "overflow-hidden" : ""} ${TONES[toast.tone]}`}
          style={placement?.kind === "header" ? { maxHeight: placement.maxHeight } : undefined}
          data-id={toast.id}
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
  );
}

/** The placement for a stack `stackHeight` tall as the page is now: the sticky header and every action panel, measured. */
function measurePlacement(stackHeight: number): ToastPlacement {
  const header = document.querySelector("[data-app-header]")?.getBoundingClientRect() ?? { top: 0, left: 0, width: window.innerWidth, height: 0 };
  const panels = [...document.querySelectorAll("[data-action-panel]")].map((panel) => panel.getBoundingClientRect());
  return placeToasts({ viewport: { width: window.innerWidth, height: window.innerHeight }, header, panels, stackHeight });
}
