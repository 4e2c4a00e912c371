// Whether this browser announces an account's listings on Nostr (lib/messaging/listing-announcements.ts): on unless
// the seller turned it off. Apart from the announcer so that the dashboard's switch does not bring Nostr's crypto.
import type { Address } from "viem";

const OFF_KEY = (account: Address) => `souk.nip99-off.${account.toLowerCase()}`;

export function announcementsEnabled(account: Address): boolean {
  return localStorage.getItem(OFF_KEY(account)) !== "1";
}

export function setAnnouncementsEnabled(account: Address, enabled: boolean): void {
  if (enabled) localStorage.removeItem(OFF_KEY(account));
  else localStorage.setItem(OFF_KEY(account), "1");
  window.dispatchEvent(new StorageEvent("storage", { key: OFF_KEY(account) }));
}
