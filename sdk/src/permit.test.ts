import { recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

import { permitTypedData, splitSignature } from "./permit.ts";

describe("EIP-2612 permits", () => {
  it("builds a permit that recovers to the buyer and splits into v, r, s", async () => {
    const account = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
    const typed = permitTypedData({
      tokenName: "Demo Dollar",
      chainId: 31337,
      token: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
      owner: account.address,
      spender: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      value: 115_500_000n,
      nonce: 0n,
      deadline: 1_900_000_000n,
    });
    expect(typed.domain).toEqual({ name: "Demo Dollar", version: "1", chainId: 31337, verifyingContract: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" });
    const signature = await account.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(account.address);
    const { v, r, s } = splitSignature(signature);
    expect([27, 28]).toContain(v);
    expect(r).toMatch(/^0x[0-9a-f]{64}$/);
    expect(s).toMatch(/^0x[0-9a-f]{64}$/);
  });

});
