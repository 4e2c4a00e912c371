import { describe, expect, it } from "vitest";
import type { Address } from "viem";

import { checkRecipient } from "./recipient.ts";

const ESCROW = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address;
const TOKEN = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" as Address;
const SELF = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("checkRecipient", () => {
  it("accepts a checksummed or all-lowercase address and returns it checksummed", () => {
    expect(checkRecipient(OTHER, {})).toEqual({ ok: true, address: OTHER });
    expect(checkRecipient(` ${OTHER.toLowerCase()} `, {})).toEqual({ ok: true, address: OTHER });
  });

  it("explains malformed input", () => {
    expect(checkRecipient("", {})).toMatchObject({ ok: false, error: expect.stringContaining("Enter") });
    expect(checkRecipient("0x1234", {})).toMatchObject({ ok: false, error: expect.stringContaining("40") });
    expect(checkRecipient("vitalik.eth", {})).toMatchObject({ ok: false });
  });

  it("catches a checksum typo", () => {
    const typo = OTHER.replace("C44C", "C44c");
    expect(checkRecipient(typo, {})).toMatchObject({ ok: false, error: expect.stringContaining("checksum") });
  });

  it("refuses addresses that would lose the money", () => {
    expect(checkRecipient("0x0000000000000000000000000000000000000000", {})).toMatchObject({ ok: false, error: expect.stringContaining("zero") });
    expect(checkRecipient(ESCROW.toLowerCase(), { escrow: ESCROW })).toMatchObject({ ok: false, error: expect.stringContaining("escrow") });
    expect(checkRecipient(TOKEN, { token: TOKEN })).toMatchObject({ ok: false, error: expect.stringContaining("token") });
  });

  it("allows the connected wallet but points at the plain withdraw", () => {
    expect(checkRecipient(SELF, { self: SELF })).toMatchObject({ ok: true, note: expect.stringContaining("Withdraw") });
  });
});
