import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { useUrlText } from "./use-url-text.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("useUrlText", () => {
  it("follows typing at once and writes the URL once typing pauses", () => {
    const write = vi.fn();
    const { result } = renderHook(({ url }) => useUrlText(url, write), { initialProps: { url: "" } });
    act(() => result.current.change("l"));
    act(() => result.current.change("la"));
    act(() => result.current.change("lamp"));
    expect(result.current.value).toBe("lamp");
    expect(write).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(300);
    });
    expect(write).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledWith("lamp");
  });

  it("writes at once on flush (Enter, blur)", () => {
    const write = vi.fn();
    const { result } = renderHook(() => useUrlText("", write));
    act(() => result.current.change("mug"));
    act(() => result.current.flush());
    expect(write).toHaveBeenCalledWith("mug");
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(write).toHaveBeenCalledTimes(1);
  });

  it("follows the URL when it changes elsewhere (Back, clear filters) and drops a pending write", () => {
    const write = vi.fn();
    const { result, rerender } = renderHook(({ url }) => useUrlText(url, write), { initialProps: { url: "lamp" } });
    act(() => result.current.change("lamp bra"));
    rerender({ url: "" });
    expect(result.current.value).toBe("");
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(write).not.toHaveBeenCalled();
  });

  it("does not undo typing when its own write comes back through the URL", () => {
    const write = vi.fn();
    const { result, rerender } = renderHook(({ url }) => useUrlText(url, write), { initialProps: { url: "" } });
    act(() => result.current.change("mu"));
    act(() => {
      vi.advanceTimersByTime(300);
    });
    act(() => result.current.change("mug"));
    rerender({ url: "mu" });
    expect(result.current.value).toBe("mug");
  });
});
