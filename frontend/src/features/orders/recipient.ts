/** Checks an address typed for "withdraw to another address", catching the mistakes that would lose the money. */
import { getAddress, isAddress, type Address } from "viem";

const ZERO = "0x0000000000000000000000000000000000000000";

export type RecipientCheck = { ok: true; address: Address; note?: string } | { ok: false; error: string };

export function checkRecipient(input: string, context: { self?: Address; escrow?: Address; token?: Address }): RecipientCheck {
  const text = input.trim();
  if (text === "") return { ok: false, error: "Enter the address to send the money to." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) {
    return { ok: false, error: "An address is 0x followed by 40 letters (a-f) and digits. Check that you copied all of it." };
  }
  if (!isAddress(text, { strict: true })) {
    return { ok: false, error: "This address has a typo: its mix of capital and small letters does not match its checksum." };
  }
  const address = getAddress(text);
  const same = (other: string | undefined) => other !== undefined && other.toLowerCase() === address.toLowerCase();
  if (address === ZERO) return { ok: false, error: "That is the zero address: money sent there is lost for good." };
  if (same(context.escrow)) return { ok: false, error: "That is the escrow contract itself: the money would be stuck there." };
  if (same(context.token) && context.token !== ZERO) {
    return { ok: false, error: "That is the token's own contract: tokens sent there are usually lost." };
  }
  if (same(context.self)) return { ok: true, address, note: "That is your connected wallet: the plain Withdraw button does the same." };
  return { ok: true, address };
}
