/**
 * What the browser benchmarks share: Debian's Chromium launched headless with the project's flags, the time from an
 * input to the results on screen changing (measured inside the page), and median/worst statistics.
 */
import { chromium, type Browser, type Page } from "@playwright/test";

/** Chromium as the browser tests run it (SOUK_CHROMIUM overrides the binary). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.SOUK_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Milliseconds from an input until the listing links on screen change (measured inside the page), from the first
 * event of the input. `lastKeyToChange` then gives the same end from the input's last key press.
 */
export async function timeChange(page: Page, act: () => Promise<void>): Promise<number> {
  // A string, not a function: the TypeScript loader would add helpers to a function that the page does not have.
  await page.evaluate(`(() => {
    const snapshot = () => Array.from(document.querySelectorAll('main a[href^="/listing/"]'), (a) => a.getAttribute("href")).join();
    window.__benchBefore = snapshot();
    window.__benchEnd = undefined;
    window.__benchStart = undefined;
    const start = () => { if (window.__benchStart === undefined) window.__benchStart = performance.now(); };
    document.addEventListener("input", start, { capture: true, once: true });
    document.addEventListener("change", start, { capture: true, once: true });
    document.addEventListener("keydown", start, { capture: true, once: true });
    window.__benchKeys?.abort();
    window.__benchKeys = new AbortController();
    window.__benchLastKey = undefined;
    document.addEventListener("keydown", () => { window.__benchLastKey = performance.now(); }, { capture: true, signal: window.__benchKeys.signal });
    const observer = new MutationObserver(() => {
      if (window.__benchStart !== undefined && snapshot() !== window.__benchBefore) {
        window.__benchEnd = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.querySelector("main"), { childList: true, subtree: true, characterData: true });
  })()`);
  await act();
  await page.waitForFunction(() => (window as unknown as { __benchEnd?: number }).__benchEnd !== undefined, undefined, { timeout: 10_000 });
  return page.evaluate(() => {
    const w = window as unknown as { __benchStart: number; __benchEnd: number };
    return w.__benchEnd - w.__benchStart;
  });
}

/** After `timeChange`: milliseconds from the input's last key press until the change it measured. */
export async function lastKeyToChange(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchLastKey: number; __benchEnd: number };
    return w.__benchEnd - w.__benchLastKey;
  });
}

export interface Stats {
  median: number;
  worst: number;
  runs: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    worst: Math.round(sorted.at(-1)!),
    runs: values.length,
  };
}

