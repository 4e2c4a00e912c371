/**
 * Where notifications go so that they never cover an action panel (the buy panel, an order's next step, a ruling
 * form: whatever the person is working with, marked `data-action-panel`). A corner of the viewport that no visible
 * panel reaches, tried in order; when every corner would cover one (a phone, with a panel taller than the screen),
 * the header's own band, with only the newest notification, no taller than the header.
 */
export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

export type ToastPlacement =
  | { kind: "corner"; top: number; left: number; width: number }
  /** Over the header (which holds no panel): the newest notification only, at most `maxHeight` tall. */
  | { kind: "header"; top: number; left: number; width: number; maxHeight: number };

export const TOAST_MARGIN = 16;
export const TOAST_MAX_WIDTH = 384;
/** From this width notifications take a corner (the header band's right end); below it, the full width. */
export const WIDE_FROM = 640;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

export function placeToasts(input: {
  viewport: { width: number; height: number };
  /** The header's box (sticky at the top of the viewport). */
  header: Box;
  /** The action panels' boxes, in viewport coordinates. */
  panels: readonly Box[];
  /** The height of the whole stack of notifications. */
  stackHeight: number;
}): ToastPlacement {
  const { viewport, header, stackHeight } = input;
  const wide = viewport.width >= WIDE_FROM;
  const width = Math.min(TOAST_MAX_WIDTH, viewport.width - 2 * TOAST_MARGIN);
  const start = TOAST_MARGIN;
  const end = viewport.width - TOAST_MARGIN - width;
  const bottom = viewport.height - TOAST_MARGIN - stackHeight;
  const top = header.top + header.height + TOAST_MARGIN;
  const corners = wide
    ? [
        { top: bottom, left: end },
        { top: bottom, left: start },
        { top, left: end },
        { top, left: start },
      ]
    : [
        { top: bottom, left: start },
        { top, left: start },
      ];
  // Only what is on screen can be covered.
  const visible = input.panels.filter((panel) => panel.top < viewport.height && panel.top + panel.height > 0 && panel.width > 0 && panel.height > 0);
  // A corner fits when the stack stays between the header and the bottom of the screen, clear of every panel.
  const fits = (corner: { top: number; left: number }) =>
    corner.top >= top &&
    corner.top + stackHeight <= viewport.height - TOAST_MARGIN &&
    !visible.some((panel) => overlaps({ ...corner, width, height: stackHeight }, panel));
  const corner = corners.find(fits);
  if (corner !== undefined) return { kind: "corner", ...corner, width };
  const inset = 8;
  return { kind: "header", top: header.top + inset, left: wide ? end : start, width, maxHeight: Math.max(0, header.height - 2 * inset) };
}
