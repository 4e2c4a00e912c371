import { describe, expect, it } from "vitest";

import { describeWindow, windowError, windowInput, windowSeconds } from "./windows.ts";

describe("time windows", () => {
  it("adds days and hours, treating an empty box as zero", () => {
    expect(windowSeconds({ days: "3", hours: "12" })).toBe(3 * 86_400 + 12 * 3_600);
    expect(windowSeconds({ days: "", hours: "5" })).toBe(5 * 3_600);
    expect(windowSeconds({ days: " 2 ", hours: "" })).toBe(2 * 86_400);
  });

  it("refuses anything but whole numbers", () => {
    expect(windowSeconds({ days: "1.5", hours: "0" })).toBeUndefined();
    expect(windowSeconds({ days: "-1", hours: "0" })).toBeUndefined();
    expect(windowError({ days: "abc", hours: "0" })).toBe("Use whole numbers of days and hours.");
  });

  it("accepts exactly 1 hour and exactly 90 days, and nothing outside", () => {
    expect(windowError({ days: "0", hours: "1" })).toBeUndefined();
    expect(windowError({ days: "90", hours: "0" })).toBeUndefined();
    expect(windowError({ days: "0", hours: "0" })).toBe("Choose between 1 hour and 90 days.");
    expect(windowError({ days: "90", hours: "1" })).toBe("Choose between 1 hour and 90 days.");
  });

  it("reads a window back into boxes and words", () => {
    expect(windowInput(3n * 86_400n + 7_200n)).toEqual({ days: "3", hours: "2" });
    expect(describeWindow({ days: "1", hours: "6" })).toBe("1 day 6 hours");
    expect(describeWindow({ days: "0", hours: "0" })).toBe("");
  });
});
