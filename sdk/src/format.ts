/** Display helpers shared by the dApp and the scripts: amounts in a token's own decimals, addresses, durations. */
import { formatUnits, getAddress, parseUnits } from "viem";

import { payoutsConstants } from "./generated/protocol.ts";

/**
 * Formats a base-unit amount with the token's decimals, grouping thousands and keeping at most `maxFractionDigits`
 * significant fraction digits without rounding up (a balance is never shown larger than it is).
 */
export function formatAmount(amount: bigint, decimals: number, maxFractionDigits = 6): string {
  const negative = amount < 0n;
  const [whole = "0", fraction = ""] = formatUnits(negative ? -amount : amount, decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const shown = fraction.slice(0, maxFractionDigits).replace(/0+$/, "");
  if (shown === "" && fraction.replace(/0+$/, "") !== "" && whole === "0") {
    // A tiny non-zero amount: say so rather than print 0.
    return `${negative ? "-" : ""}<0.${"0".repeat(Math.max(0, maxFractionDigits - 1))}1`;
  }
  return `${negative ? "-" : ""}${grouped}${shown === "" ? "" : `.${shown}`}`;
}

/** `1.5 ETH`, `12.3 DUSD`. */
export function formatTokenAmount(amount: bigint, token: { symbol: string; decimals: number }): string {
  return `${formatAmount(amount, token.decimals)} ${token.symbol}`;
}

/** Parses what a person typed ("1,234.5") into base units; undefined when it is not a valid amount. */
export function parseAmount(input: string, decimals: number): bigint | undefined {
  const cleaned = input.trim().replace(/,/g, "");
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const fraction = cleaned.split(".")[1] ?? "";
  if (fraction.length > decimals) return undefined;
  try {
    return parseUnits(cleaned, decimals);
  } catch {
    return undefined;
  }
}

/** `0x1234…abcd` (checksummed). */
export function shortAddress(address: string): string {
  let checksummed = address;
  try {
    checksummed = getAddress(address);
  } catch {
    // show what we were given
  }
  return `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}`;
}

/** Basis points as a percentage: 250 -> "2.5%". */
export function formatBps(bps: bigint | number): string {
  return `${Number(bps) / 100}%`;
}

const UNITS: Array<[number, string]> = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** A window in seconds in words: 259200 -> "3 days", 5400 -> "1 hour 30 minutes". At most two units. */
export function formatDuration(seconds: bigint | number): string {
  let rest = Math.max(0, Math.floor(Number(seconds)));
  if (rest === 0) return "0 seconds";
  const parts: string[] = [];
  for (const [size, name] of UNITS) {
    if (rest >= size && parts.length < 2) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      parts.push(`${n} ${name}${n === 1 ? "" : "s"}`);
    } else if (parts.length > 0) {
      break;
    }
  }
  return parts.join(" ");
}

/** Time left until a deadline (unix seconds), in words; "passed" once it is reached. */
export function formatCountdown(deadline: bigint | number, nowSeconds: number): string {
  const left = Number(deadline) - nowSeconds;
  return left <= 0 ? "passed" : `${formatDuration(left)} left`;
}

/** Average rating with one decimal, or undefined without ratings. */
export function averageRating(scoreSum: bigint, count: bigint): number | undefined {
  if (count === 0n) return undefined;
  return Math.round((Number(scoreSum) / Number(count)) * 10) / 10;
}

/**
 * How an escrowed amount is divided, exactly as the escrow's Payouts library does it (shares round down, the
 * seller's part is derived by subtraction): the amounts a ruling or a settlement form shows are the amounts paid.
 * test/OrderRules.sdk.ts compares it with `Payouts.split` on the chain for random inputs.
 */
export function computePayout(
  amount: bigint,
  buyerShareBps: bigint,
  arbiterFeeBps: bigint,
  protocolFeeBps: bigint,
): { buyer: bigint; seller: bigint; arbiter: bigint; protocol: bigint } {
  const { BPS } = payoutsConstants;
  const arbiter = (amount * arbiterFeeBps) / BPS;
  const remaining = amount - arbiter;
  const buyer = (remaining * buyerShareBps) / BPS;
  const sellerGross = remaining - buyer;
  const protocol = (sellerGross * protocolFeeBps) / BPS;
  return { buyer, seller: sellerGross - protocol, arbiter, protocol };
}
