/**
 * Which chain the dApp is talking to, told apart from an earlier one with the same chain id. A local chain (Hardhat's
 * node under `npm start`) keeps nothing across restarts: each start is a new chain whose blocks have other hashes, and
 * the deployment is redone. Two things follow: a build whose recorded deployment is not on the chain (its escrow has
 * no code, or the recorded deploy block has another hash) cannot work; and a browser that used an earlier chain holds
 * stale state (the wallet's transaction count above all), which the person has to clear.
 */
import { numberToHex, type Client, type Hex } from "viem";

import type { Contracts } from "./deployment.ts";

export type DeploymentCheck =
  /** The recorded deployment is on this chain. */
  | { status: "present" }
  /** It is not: the chain was restarted or reset after this build was made (or points at another chain). */
  | { status: "missing"; reason: "no-block" | "other-block" | "no-code" };

/** Checks, with two reads, that the chain still has the block and the escrow recorded at deployment. */
export async function checkDeployment(client: Client, contracts: Pick<Contracts, "escrow" | "deployBlock" | "record">): Promise<DeploymentCheck> {
  const [block, code] = await Promise.all([
    client.request({ method: "eth_getBlockByNumber", params: [numberToHex(contracts.deployBlock), false] }),
    client.request({ method: "eth_getCode", params: [contracts.escrow, "latest"] }),
  ]);
  if (block === null) return { status: "missing", reason: "no-block" };
  if (block.hash?.toLowerCase() !== contracts.record.deployBlockHash.toLowerCase()) return { status: "missing", reason: "other-block" };
  if (code === "0x") return { status: "missing", reason: "no-code" };
  return { status: "present" };
}

const seenKey = (chainId: number) => `souk.chain-seen.${chainId}`;

/**
 * Whether this browser last used another chain with this id (a restarted local chain), judged by the deploy block's
 * hash it saw then. A first visit has nothing to compare and is not a change.
 */
export function usedAnotherChain(storage: Pick<Storage, "getItem">, chainId: number, deployBlockHash: Hex | string): boolean {
  const seen = storage.getItem(seenKey(chainId));
  return seen !== null && seen.toLowerCase() !== deployBlockHash.toLowerCase();
}

/** Remembers the chain this browser uses now. */
export function rememberChain(storage: Pick<Storage, "setItem">, chainId: number, deployBlockHash: Hex | string): void {
  storage.setItem(seenKey(chainId), deployBlockHash.toLowerCase());
}
