/**
 * Test support (not exported by the package): a wallet that signs typed data validly for its account but with a new
 * random nonce each time (RFC 6979 plus extra entropy), as contract, passkey and some hardware wallets do. Its
 * signatures verify, but no two are alike, so a key derived from one is never derived again. Used by the SDK's unit
 * tests and by the browser tests' injected wallet.
 */
import { secp256k1 } from "@noble/curves/secp256k1";
import { hashTypedData, serializeSignature, type Hex, type TypedData, type TypedDataDefinition } from "viem";

/** Typed like viem's own `signTypedData`, so anything a local account signs can be signed here. */
export function signTypedDataWithRandomNonce<
  const typedData extends TypedData | Record<string, unknown>,
  primaryType extends keyof typedData | "EIP712Domain" = keyof typedData,
>(privateKey: Hex, typedData: TypedDataDefinition<typedData, primaryType>): Hex {
  const hash = hashTypedData(typedData);
  const { r, s, recovery } = secp256k1.sign(hash.slice(2), privateKey.slice(2), { lowS: true, extraEntropy: true });
  return serializeSignature({ r: `0x${r.toString(16).padStart(64, "0")}`, s: `0x${s.toString(16).padStart(64, "0")}`, yParity: recovery });
}
