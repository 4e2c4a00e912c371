import { formatDuration } from "@souk/sdk/format";

import { MAX_WINDOW_SECONDS, MIN_WINDOW_SECONDS } from "./limits.ts";

/** A time window as a person types it: whole days and whole hours. */
export interface WindowInput {
  days: string;
  hours: string;
}

const WHOLE = /^\d{1,3}$/;

/** Seconds of a window, or undefined when either box holds something other than a whole number. */
export function windowSeconds(input: WindowInput): number | undefined {
  const days = input.days.trim() === "" ? "0" : input.days.trim();
  const hours = input.hours.trim() === "" ? "0" : input.hours.trim();
  if (!WHOLE.test(days) || !WHOLE.test(hours)) return undefined;
  return Number(days) * 86_400 + Number(hours) * 3_600;
}

/** The problem with a window in plain words, or undefined when the registry will accept it. */
export function windowError(input: WindowInput): string | undefined {
  const seconds = windowSeconds(input);
  if (seconds === undefined) return "Use whole numbers of days and hours.";
  if (seconds < MIN_WINDOW_SECONDS || seconds > MAX_WINDOW_SECONDS) {
    return `Choose between ${formatDuration(MIN_WINDOW_SECONDS)} and ${formatDuration(MAX_WINDOW_SECONDS)}.`;
  }
  return undefined;
}

/** The boxes for a window in seconds (minutes, which Souk's forms never produce, are dropped). */
export function windowInput(seconds: bigint | number): WindowInput {
  const total = Number(seconds);
  return { days: String(Math.floor(total / 86_400)), hours: String(Math.floor((total % 86_400) / 3_600)) };
}

/** "3 days 12 hours", or an empty string while the boxes are not a valid window. */
export function describeWindow(input: WindowInput): string {
  const seconds = windowSeconds(input);
  return seconds === undefined || seconds === 0 ? "" : formatDuration(seconds);
}
