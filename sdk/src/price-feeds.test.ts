import { describe, expect, it } from "vitest";

import { formatReference, MAX_FEED_AGE_SECONDS, referenceCents } from "./price-feeds.ts";

const feed = (usd: string, updatedAt = 1_000n) => ({ answer: BigInt(Math.round(Number(usd) * 1e8)), decimals: 8, updatedAt });

describe("reference prices", () => {
  it("converts an amount in the token's decimals to cents, rounded half up", () => {
    // 0.00496 ETH at $2,500.00 = $12.40
    expect(referenceCents(4_960_000_000_000_000n, 18, feed("2500"), 1_000n)).toBe(1_240n);
    // 12.345 DUSD (6 decimals) at $1.00 = $12.345 → $12.35
    expect(referenceCents(12_345_000n, 6, feed("1"), 1_000n)).toBe(1_235n);
    // 12.344999 DUSD → $12.34
    expect(referenceCents(12_344_999n, 6, feed("1"), 1_000n)).toBe(1_234n);
    // Large amounts stay exact: 1,000,000 DGLD at $60 = $60,000,000.00
    expect(referenceCents(10n ** 24n, 18, feed("60"), 1_000n)).toBe(6_000_000_000n);
  });

  it("refuses a stale or non-positive answer", () => {
    expect(referenceCents(10n ** 18n, 18, feed("2500", 1_000n), 1_000n + BigInt(MAX_FEED_AGE_SECONDS))).toBe(250_000n);
    expect(referenceCents(10n ** 18n, 18, feed("2500", 1_000n), 1_001n + BigInt(MAX_FEED_AGE_SECONDS))).toBeUndefined();
    expect(referenceCents(10n ** 18n, 18, { answer: 0n, decimals: 8, updatedAt: 1_000n }, 1_000n)).toBeUndefined();
    expect(referenceCents(10n ** 18n, 18, { answer: -1n, decimals: 8, updatedAt: 1_000n }, 1_000n)).toBeUndefined();
  });

  it("formats dollars with grouping, and says when a non-zero amount is under a cent", () => {
    expect(formatReference(1_240n)).toBe("≈ $12.40");
    expect(formatReference(123_456_789n)).toBe("≈ $1,234,567.89");
    expect(formatReference(5n)).toBe("≈ $0.05");
    expect(formatReference(0n)).toBe("≈ <$0.01");
    expect(formatReference(0n, true)).toBe("≈ $0.00");
  });
});
