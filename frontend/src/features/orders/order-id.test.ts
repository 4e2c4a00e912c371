import { describe, expect, it } from "vitest";

import { parseOrderId } from "./order-id.ts";

describe("parseOrderId", () => {
  it("reads a decimal order id", () => {
    expect(parseOrderId("17179869185")).toBe(17_179_869_185n);
  });

  it("refuses zero, signs, hex, labels and ids beyond uint256", () => {
    for (const raw of [undefined, "", "0", "-1", "0x10", "#4-1", "1.5", "9".repeat(78)]) {
      expect(parseOrderId(raw)).toBeUndefined();
    }
  });
});
