import { describe, expect, it } from "vitest";

import { placeToasts, type Box } from "./toast-placement.ts";

const desktop = { width: 1280, height: 800 };
const phone = { width: 375, height: 667 };
const header = (height: number): Box => ({ top: 0, left: 0, width: 1280, height });
const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe("placeToasts", () => {
  it("takes the bottom-right corner when nothing is there", () => {
    expect(placeToasts({ viewport: desktop, header: header(65), panels: [], stackHeight: 80 })).toEqual({ kind: "corner", top: 704, left: 880, width: 384 });
  });

  it("moves to the bottom-left when a panel sits in the right column (the listing page's buy panel)", () => {
    const buyPanel = { top: 96, left: 816, width: 384, height: 640 };
    const placement = placeToasts({ viewport: desktop, header: header(65), panels: [buyPanel], stackHeight: 80 });
    expect(placement).toEqual({ kind: "corner", top: 704, left: 16, width: 384 });
  });

  it("keeps the right when the panel is in the left column (an order's next step)", () => {
    const nextStep = { top: 300, left: 80, width: 776, height: 700 };
    expect(placeToasts({ viewport: desktop, header: header(65), panels: [nextStep], stackHeight: 80 })).toMatchObject({ kind: "corner", left: 880 });
  });

  it("goes to the top when panels fill the bottom on both sides", () => {
    const panels = [
      { top: 500, left: 0, width: 1280, height: 300 },
    ];
    expect(placeToasts({ viewport: desktop, header: header(65), panels, stackHeight: 80 })).toEqual({ kind: "corner", top: 81, left: 880, width: 384 });
  });

  it("ignores panels scrolled out of view", () => {
    const above = { top: -900, left: 0, width: 1280, height: 800 };
    const below = { top: 820, left: 0, width: 1280, height: 400 };
    expect(placeToasts({ viewport: desktop, header: header(65), panels: [above, below], stackHeight: 80 })).toMatchObject({ kind: "corner", top: 704, left: 880 });
  });

  it("on a phone, uses the full width at the bottom, else the top, when free", () => {
    expect(placeToasts({ viewport: phone, header: header(105), panels: [], stackHeight: 90 })).toEqual({ kind: "corner", top: 561, left: 16, width: 343 });
    const lowPanel = { top: 400, left: 16, width: 343, height: 500 };
    expect(placeToasts({ viewport: phone, header: header(105), panels: [lowPanel], stackHeight: 90 })).toEqual({ kind: "corner", top: 121, left: 16, width: 343 });
  });

  it("falls back to the header band when a panel fills the screen, and never covers the panel", () => {
    const panel = { top: 60, left: 16, width: 343, height: 900 };
    const placement = placeToasts({ viewport: phone, header: header(105), panels: [panel], stackHeight: 90 });
    expect(placement).toEqual({ kind: "header", top: 8, left: 16, width: 343, maxHeight: 89 });
    // The panel's visible part starts below the sticky header; the notification stays inside the header.
    expect(placement.top + (placement.kind === "header" ? placement.maxHeight : 0)).toBeLessThanOrEqual(105);
    expect(overlaps({ top: placement.top, left: placement.left, width: placement.width, height: 89 }, { ...panel, top: 105, height: 562 })).toBe(false);
  });

  it("never places a stack taller than the space between the header and the bottom in a corner", () => {
    expect(placeToasts({ viewport: phone, header: header(105), panels: [], stackHeight: 700 })).toMatchObject({ kind: "header" });
  });
});
