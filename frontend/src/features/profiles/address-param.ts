import { getAddress, isAddress, type Address } from "viem";

export type AddressParam = { ok: true; address: Address } | { ok: false; reason: string };

/**
 * The profile's address from the URL, checked before anything is read for it. Lower-case and upper-case hex are
 * accepted as they are; mixed case must match its EIP-55 checksum, because a mismatch means a mistyped character.
 */
export function parseAddressParam(raw: string | undefined): AddressParam {
  const value = (raw ?? "").trim();
  if (value === "") return { ok: false, reason: "No address was given." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    return {
      ok: false,
      reason: "An Ethereum address is 0x followed by 40 characters from 0-9 and a-f. Check that it was copied in full.",
    };
  }
  const hex = value.slice(2);
  const singleCase = hex === hex.toLowerCase() || hex === hex.toUpperCase();
  if (!singleCase && !isAddress(value, { strict: true })) {
    return {
      ok: false,
      reason: "The capital letters in this address do not match its checksum, so a character was probably mistyped.",
    };
  }
  return { ok: true, address: getAddress(value.toLowerCase()) };
}

/** The same account, whatever the letter case. */
export function sameAddress(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
