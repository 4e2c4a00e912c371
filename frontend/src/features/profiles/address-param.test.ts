import { describe, expect, it } from "vitest";

import { parseAddressParam, sameAddress } from "./address-param.ts";

const CHECKSUMMED = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("parseAddressParam", () => {
  it("accepts a checksummed address as it is", () => {
    expect(parseAddressParam(CHECKSUMMED)).toEqual({ ok: true, address: CHECKSUMMED });
  });

  it("accepts all lower-case and all upper-case hex and returns the checksummed form", () => {
    expect(parseAddressParam(CHECKSUMMED.toLowerCase())).toEqual({ ok: true, address: CHECKSUMMED });
    expect(parseAddressParam(`0x${CHECKSUMMED.slice(2).toUpperCase()}`)).toEqual({ ok: true, address: CHECKSUMMED });
  });

  it("trims surrounding spaces", () => {
    expect(parseAddressParam(`  ${CHECKSUMMED} `)).toEqual({ ok: true, address: CHECKSUMMED });
  });

  it("refuses mixed case that does not match the checksum, saying a character was probably mistyped", () => {
    const typo = `${CHECKSUMMED.slice(0, -1)}c`;
    const parsed = parseAddressParam(typo);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/checksum/);
  });

  it.each([
    ["nothing", undefined, /No address/],
    ["an empty string", "", /No address/],
    ["a name", "alice.eth", /0x followed by 40 characters/],
    ["a short address", "0x1234", /0x followed by 40 characters/],
    ["a non-hex character", `0x${"g".repeat(40)}`, /0x followed by 40 characters/],
    ["markup", "<script>alert(1)</script>", /0x followed by 40 characters/],
  ])("refuses %s", (_, raw, reason) => {
    const parsed = parseAddressParam(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });
});

describe("sameAddress", () => {
  it("ignores letter case and is false when either side is missing", () => {
    expect(sameAddress(CHECKSUMMED, CHECKSUMMED.toLowerCase())).toBe(true);
    expect(sameAddress(CHECKSUMMED, "0x0000000000000000000000000000000000000001")).toBe(false);
    expect(sameAddress(undefined, CHECKSUMMED)).toBe(false);
  });
});
