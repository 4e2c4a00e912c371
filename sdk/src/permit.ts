/**
 * EIP-2612 permits: the typed data a token holder signs so that the escrow can take exactly `value` once
 * (`buyWithPermit`), and the signature split the way the contract takes it. One definition for the dApp, the demo
 * seed and the tests (viem's `signTypedData` takes the whole object; ethers' takes domain, types and message).
 */
import { parseSignature, type Address, type Hex } from "viem";

export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export interface PermitParameters {
  /** The token's EIP-712 domain name (`name()` for OpenZeppelin's ERC20Permit). */
  tokenName: string;
  chainId: number | bigint;
  token: Address;
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** The typed data of a permit (domain version "1", as OpenZeppelin's ERC20Permit). */
export function permitTypedData(params: PermitParameters) {
  return {
    domain: { name: params.tokenName, version: "1", chainId: Number(params.chainId), verifyingContract: params.token },
    types: PERMIT_TYPES,
    primaryType: "Permit" as const,
    message: { owner: params.owner, spender: params.spender, value: params.value, nonce: params.nonce, deadline: params.deadline },
  };
}

/** v, r, s of a 65-byte signature (v as 27/28, as `buyWithPermit` expects). */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  const { r, s, v, yParity } = parseSignature(signature);
  return { v: v !== undefined ? Number(v) : yParity + 27, r, s };
}
