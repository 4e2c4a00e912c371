/**
 * The buyer's delivery address, kept for next time in this browser, encrypted to their own messaging key (NIP-44):
 * localStorage holds only ciphertext.
 */
import { shippingAddressSchema, type MessagingSigner, type ShippingAddress } from "@souk/sdk/messaging";

const key = (account: string) => `souk.address.${account.toLowerCase()}`;

export async function saveAddress(account: string, signer: MessagingSigner, address: ShippingAddress): Promise<void> {
  localStorage.setItem(key(account), await signer.encrypt(signer.pubkey, JSON.stringify(address)));
}

export async function loadAddress(account: string, signer: MessagingSigner): Promise<ShippingAddress | undefined> {
  const stored = localStorage.getItem(key(account));
  if (stored === null) return undefined;
  try {
    const parsed = shippingAddressSchema.safeParse(JSON.parse(await signer.decrypt(signer.pubkey, stored)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
