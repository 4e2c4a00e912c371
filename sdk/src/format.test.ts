import { describe, expect, it } from "vitest";

import {
  averageRating,
  formatAmount,
  formatBps,
  formatCountdown,
  formatDuration,
  formatTokenAmount,
  parseAmount,
  shortAddress,
} from "./format.ts";

describe("amounts", () => {
  it("use the token's decimals, group thousands and never round up", () => {
    expect(formatAmount(1_234_567_890_000_000_000_000n, 18)).toBe("1,234.56789");
    expect(formatAmount(1_999_999n, 6)).toBe("1.999999");
    expect(formatAmount(19_999_999_999n, 10, 2)).toBe("1.99");
    expect(formatAmount(0n, 18)).toBe("0");
    expect(formatAmount(1n, 18)).toBe("<0.000001");
    expect(formatTokenAmount(25_500_000n, { symbol: "DUSD", decimals: 6 })).toBe("25.5 DUSD");
  });

  it("parse what people type, refusing too many decimals", () => {
    expect(parseAmount("1,234.5", 6)).toBe(1_234_500_000n);
    expect(parseAmount("0.1234567", 6)).toBeUndefined();
    expect(parseAmount("-1", 6)).toBeUndefined();
    expect(parseAmount("abc", 6)).toBeUndefined();
    expect(parseAmount("1e3", 6)).toBeUndefined();
  });
});

describe("other formats", () => {
  it("shorten checksummed addresses", () => {
    expect(shortAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")).toBe("0xf39F…2266");
  });

  it("write windows and countdowns in words", () => {
    expect(formatDuration(3 * 86_400)).toBe("3 days");
    expect(formatDuration(5_400)).toBe("1 hour 30 minutes");
    expect(formatDuration(86_400 + 60)).toBe("1 day");
    expect(formatCountdown(1_000, 400)).toBe("10 minutes left");
    expect(formatCountdown(1_000, 1_000)).toBe("passed");
  });

  it("show basis points and averages", () => {
    expect(formatBps(250n)).toBe("2.5%");
    expect(averageRating(14n, 3n)).toBe(4.7);
    expect(averageRating(0n, 0n)).toBeUndefined();
  });
});

describe("computePayout", () => {
  it("matches the contract's split: fee off the top, shares rounded down, seller by subtraction", async () => {
    const { computePayout } = await import("./format.ts");
    const amount = 2n * 10n ** 18n;
    const payout = computePayout(amount, 6_000n, 200n, 100n);
    expect(payout.arbiter).toBe(4n * 10n ** 16n);
    expect(payout.buyer).toBe(((amount - payout.arbiter) * 6_000n) / 10_000n);
    expect(payout.buyer + payout.seller + payout.arbiter + payout.protocol).toBe(amount);
    expect(computePayout(1n, 5_000n, 1_000n, 500n)).toEqual({ buyer: 0n, seller: 1n, arbiter: 0n, protocol: 0n });
  });
});
