/**
 * Shares of an escrowed amount are basis points on chain (0 .. 10,000 = 0 .. 100 %, steps of 0.01 %). People type
 * percentages: these convert between the two without floating point, so what is shown is exactly what is sent.
 */
export const FULL_SHARE_BPS = 10_000n;
export const HALF_SHARE_BPS = 5_000n;

/** 4000n -> "40", 3750n -> "37.5", 3725n -> "37.25". */
export function bpsToPercentText(bps: bigint): string {
  const whole = bps / 100n;
  const fraction = bps % 100n;
  if (fraction === 0n) return whole.toString();
  return `${whole}.${fraction.toString().padStart(2, "0").replace(/0$/, "")}`;
}

export type ParsedShare = { ok: true; bps: bigint } | { ok: false; error: string };

/** Parses "40", "37.5", "37,25 %" into basis points; rejects anything that is not an exact 0.01 % step in 0..100. */
export function parsePercent(input: string): ParsedShare {
  const cleaned = input.trim().replace(/\s*%$/, "").trim().replace(",", ".");
  if (cleaned === "") return { ok: false, error: "Enter a share from 0 to 100 %." };
  if (!/^\d{1,3}(\.\d+)?$/.test(cleaned)) return { ok: false, error: "Enter a number from 0 to 100, such as 40 or 37.5." };
  const [whole = "0", fraction = ""] = cleaned.split(".");
  if (fraction.length > 2) return { ok: false, error: "Use at most two decimals: shares go in steps of 0.01 %." };
  const bps = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  if (bps > FULL_SHARE_BPS) return { ok: false, error: "A share cannot be more than 100 %." };
  return { ok: true, bps };
}

/** "buyer 40 % / seller 60 %" as the two percentages. */
export function splitText(buyerShareBps: bigint): { buyer: string; seller: string } {
  return { buyer: `${bpsToPercentText(buyerShareBps)}%`, seller: `${bpsToPercentText(FULL_SHARE_BPS - buyerShareBps)}%` };
}
