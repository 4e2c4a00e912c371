/**
 * Which chain the dApp is talking to, told apart from an earlier one with the same chain id. A local chain (Hardhat's
 * node under `npm start`) keeps nothing across restarts: each start is a new chain whose blocks have other hashes, and
 * the deployment is redone. Two things follow: a build whose recorded deployment is not on the chain (its escrow has
 * no code, or the recorded deploy block has another hash) cannot work; and a browser that used an earlier chain holds
 * stale state (the wallet's transaction count above all), which the person has to clear.
 */
import type { Contracts } from "./deployment.ts";
import type { RpcCall } from "./json-rpc.ts";

export type DeploymentCheck =
  /** The recorded deployment is on this chain. */
  | { status: "present" }
  /** It is not: the chain was restarted or reset after this build was made (or points at another chain). */
  | { status: "missing"; reason: "no-block" | "other-block" | "no-code" };

/** Checks, with two reads, that the chain still has the block and the escrow recorded at deployment. */
export async function checkDeployment(call: RpcCall, contracts: Pick<Contracts, "escrow" | "deployBlock" | "record">): Promise<DeploymentCheck> {
  const [block, code] = await Promise.all([
    call<{ hash: string | null } | null>("eth_getBlockByNumber", [`0x${contracts.deployBlock.toString(16)}`, false]),
    call<string>("eth_getCode", [contracts.escrow, "latest"]),
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
export function usedAnotherChain(storage: Pick<Storage, "getItem">, chainId: number, deployBlockHash: string): boolean {
  const seen = storage.getItem(seenKey(chainId));
  return seen !== null && seen.toLowerCase() !== deployBlockHash.toLowerCase();
}

/** Remembers the chain this browser uses now. */
export function rememberChain(storage: Pick<Storage, "setItem">, chainId: number, deployBlockHash: string): void {
  storage.setItem(seenKey(chainId), deployBlockHash.toLowerCase());
}
