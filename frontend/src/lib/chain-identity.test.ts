import { describe, expect, it } from "vitest";

import { checkDeployment, rememberChain, usedAnotherChain } from "./chain-identity.ts";
import type { Contracts } from "./deployment.ts";

const DEPLOY_HASH = `0x${"14".repeat(32)}`;
const contracts = {
  escrow: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  deployBlock: 1n,
  record: { deployBlockHash: DEPLOY_HASH },
} as unknown as Contracts;

/** A node that answers the two reads with what a test says it holds. */
function node(holds: { block: { hash: string } | null; code: string }) {
  const asked: string[] = [];
  const call = async <T,>(method: string, params: readonly unknown[]): Promise<T> => {
    asked.push(`${method} ${JSON.stringify(params)}`);
    if (method === "eth_getBlockByNumber") return holds.block as T;
    if (method === "eth_getCode") return holds.code as T;
    throw new Error(`unexpected ${method}`);
  };
  return { call, asked };
}

describe("checkDeployment", () => {
  it("finds the deployment when the deploy block has the recorded hash and the escrow has code", async () => {
    const { call, asked } = node({ block: { hash: DEPLOY_HASH.toUpperCase().replace("0X", "0x") }, code: "0x6080" });
    expect(await checkDeployment(call, contracts)).toEqual({ status: "present" });
    expect(asked).toEqual([`eth_getBlockByNumber ["0x1",false]`, `eth_getCode ["${contracts.escrow}","latest"]`]);
  });

  it("says it is missing when the chain was restarted: the deploy block is another block", async () => {
    const { call } = node({ block: { hash: `0x${"99".repeat(32)}` }, code: "0x6080" });
    expect(await checkDeployment(call, contracts)).toEqual({ status: "missing", reason: "other-block" });
  });

  it("says it is missing when the chain is younger than the deployment, or the escrow has no code", async () => {
    expect(await checkDeployment(node({ block: null, code: "0x" }).call, contracts)).toEqual({ status: "missing", reason: "no-block" });
    expect(await checkDeployment(node({ block: { hash: DEPLOY_HASH }, code: "0x" }).call, contracts)).toEqual({ status: "missing", reason: "no-code" });
  });
});

describe("the chain this browser used before", () => {
  const storage = () => {
    const values = new Map<string, string>();
    return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
  };

  it("a first visit is not a change, and is remembered per chain id", () => {
    const s = storage();
    expect(usedAnotherChain(s, 31337, DEPLOY_HASH)).toBe(false);
    rememberChain(s, 31337, DEPLOY_HASH);
    expect(s.values.get("souk.chain-seen.31337")).toBe(DEPLOY_HASH);
    expect(usedAnotherChain(s, 31337, DEPLOY_HASH.toUpperCase().replace("0X", "0x"))).toBe(false);
  });

  it("a restarted chain under the same id is a change until remembered", () => {
    const s = storage();
    rememberChain(s, 31337, DEPLOY_HASH);
    const restarted = `0x${"ab".repeat(32)}`;
    expect(usedAnotherChain(s, 31337, restarted)).toBe(true);
    expect(usedAnotherChain(s, 11155111, restarted)).toBe(false);
    rememberChain(s, 31337, restarted);
    expect(usedAnotherChain(s, 31337, restarted)).toBe(false);
  });
});
