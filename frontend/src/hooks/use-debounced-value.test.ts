import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { useDebouncedValue } from "./use-debounced-value.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("useDebouncedValue", () => {
  it("gives the first value at once and a burst of changes once, after the last", async () => {
    const { result, rerender } = renderHook(({ value }) => useDebouncedValue(value, 100), { initialProps: { value: "" } });
    expect(result.current).toBe("");
    for (const value of ["w", "wa", "wal", "waln"]) {
      rerender({ value });
      await act(async () => void vi.advanceTimersByTime(60));
    }
    expect(result.current).toBe("");
    await act(async () => void vi.advanceTimersByTime(40));
    expect(result.current).toBe("waln");
  });

  it("drops a change undone before the delay", async () => {
    const { result, rerender } = renderHook(({ value }) => useDebouncedValue(value, 100), { initialProps: { value: "lamp" } });
    rerender({ value: "lamps" });
    await act(async () => void vi.advanceTimersByTime(50));
    rerender({ value: "lamp" });
    await act(async () => void vi.advanceTimersByTime(200));
    expect(result.current).toBe("lamp");
  });
});
