/**
 * A Nostr key derived from one wallet signature. The wallet signs a fixed EIP-712 message; wallets that sign
 * deterministically (RFC 6979: every mainstream EOA wallet) give the same signature on every device, so the same key
 * comes back wherever the person connects, with nothing stored anywhere. HKDF-SHA256 turns the signature's r||s into
 * the 32-byte secret. Whoever holds the signature can read the messages: the message says so, and the dApp never
 * sends it anywhere.
 */
import { hkdf } from "@noble/hashes/hkdf";
import { sha256 } from "@noble/hashes/sha2";
import { getPublicKey } from "nostr-tools/pure";
import { getAddress, hexToBytes, parseSignature, type Address, type Hex } from "viem";

const SALT = "souk.messaging-key/1";
const INFO = "nostr secp256k1 secret key";

/** The typed data a wallet signs to derive the messaging key: no chain id and no time, so it never changes. */
export function keyDerivationTypedData(account: Address) {
  return {
    domain: { name: "Souk messaging key", version: "1" },
    types: {
      DeriveMessagingKey: [
        { name: "account", type: "address" },
        { name: "warning", type: "string" },
      ],
    },
    primaryType: "DeriveMessagingKey",
    message: {
      account: getAddress(account),
      warning: "Sign only on Souk. This signature unlocks your private messages: never share it.",
    },
  } as const;
}

/** HKDF-SHA256 over the signature's r||s (the recovery byte is left out: wallets disagree on its encoding). */
export function deriveSecretKey(signature: Hex): Uint8Array {
  const { r, s } = parseSignature(signature);
  const ikm = new Uint8Array(64);
  ikm.set(hexToBytes(r, { size: 32 }), 0);
  ikm.set(hexToBytes(s, { size: 32 }), 32);
  const secret = hkdf(sha256, ikm, new TextEncoder().encode(SALT), new TextEncoder().encode(INFO), 32);
  getPublicKey(secret); // throws for the (2^-128 likely) value outside the curve order
  return secret;
}

export class NondeterministicWalletError extends Error {
  override name = "NondeterministicWalletError";
  constructor() {
    super("This wallet signs the same message differently each time, so a key cannot be derived from it.");
  }
}

/**
 * Signs the derivation message twice and derives the key only if both signatures agree; throws
 * NondeterministicWalletError otherwise (contract, passkey and some hardware wallets): the caller then falls back to
 * a key kept in the browser.
 */
export async function deriveKeyFromWallet(sign: () => Promise<Hex>): Promise<Uint8Array> {
  const first = await sign();
  const second = await sign();
  if (first.toLowerCase() !== second.toLowerCase()) throw new NondeterministicWalletError();
  return deriveSecretKey(first);
}
