import { describe, expect, it } from "vitest";

import { bpsToPercentText, parsePercent, splitText } from "./share.ts";

describe("bpsToPercentText", () => {
  it("prints whole, one-decimal and two-decimal percentages without trailing zeros", () => {
    expect(bpsToPercentText(0n)).toBe("0");
    expect(bpsToPercentText(4_000n)).toBe("40");
    expect(bpsToPercentText(3_750n)).toBe("37.5");
    expect(bpsToPercentText(3_725n)).toBe("37.25");
    expect(bpsToPercentText(1n)).toBe("0.01");
    expect(bpsToPercentText(10_000n)).toBe("100");
  });
});

describe("parsePercent", () => {
  it("accepts whole numbers, decimals, a decimal comma and a percent sign", () => {
    expect(parsePercent("40")).toEqual({ ok: true, bps: 4_000n });
    expect(parsePercent(" 37.5 % ")).toEqual({ ok: true, bps: 3_750n });
    expect(parsePercent("37,25")).toEqual({ ok: true, bps: 3_725n });
    expect(parsePercent("0.01")).toEqual({ ok: true, bps: 1n });
    expect(parsePercent("100")).toEqual({ ok: true, bps: 10_000n });
    expect(parsePercent("0")).toEqual({ ok: true, bps: 0n });
  });

  it("round-trips every step it prints", () => {
    for (const bps of [0n, 1n, 99n, 1_234n, 5_000n, 9_999n, 10_000n]) {
      expect(parsePercent(bpsToPercentText(bps))).toEqual({ ok: true, bps });
    }
  });

  it("refuses what the contract would not take, with a reason", () => {
    expect(parsePercent("")).toMatchObject({ ok: false, error: expect.stringContaining("0 to 100") });
    expect(parsePercent("100.01")).toMatchObject({ ok: false, error: expect.stringContaining("more than 100") });
    expect(parsePercent("250")).toMatchObject({ ok: false });
    expect(parsePercent("12.345")).toMatchObject({ ok: false, error: expect.stringContaining("two decimals") });
    expect(parsePercent("-5")).toMatchObject({ ok: false });
    expect(parsePercent("abc")).toMatchObject({ ok: false });
    expect(parsePercent("1e2")).toMatchObject({ ok: false });
  });
});

describe("splitText", () => {
  it("gives the seller the complement of the buyer's share", () => {
    expect(splitText(3_725n)).toEqual({ buyer: "37.25%", seller: "62.75%" });
  });
});
