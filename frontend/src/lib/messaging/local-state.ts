/**
 * What the inbox remembers on this device, per account: messages read, accounts blocked. Plain localStorage: none of
 * it is secret (the messages themselves are never stored unencrypted).
 */
const MAX_READ = 5_000;

function key(account: string, what: string): string {
  return `souk.${what}.${account.toLowerCase()}`;
}

function readSet(account: string, what: string): Set<string> {
  try {
    const value = JSON.parse(localStorage.getItem(key(account, what)) ?? "[]") as unknown;
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
  } catch {
    return new Set();
  }
}

function writeSet(account: string, what: string, values: Iterable<string>, max = Infinity): void {
  const list = [...values];
  localStorage.setItem(key(account, what), JSON.stringify(list.slice(Math.max(0, list.length - max))));
  window.dispatchEvent(new StorageEvent("storage", { key: key(account, what) }));
}

export const readMessages = (account: string) => readSet(account, "read");
export function markRead(account: string, ids: Iterable<string>): void {
  const read = readMessages(account);
  const before = read.size;
  for (const id of ids) read.add(id);
  if (read.size !== before) writeSet(account, "read", read, MAX_READ);
}

export const blockedKeys = (account: string) => readSet(account, "blocked");
export function setBlocked(account: string, pubkey: string, blocked: boolean): void {
  const set = blockedKeys(account);
  if (blocked) set.add(pubkey);
  else set.delete(pubkey);
  writeSet(account, "blocked", set);
}

/** Notifications seen (the bell's unread count); undefined before the first visit, when everything so far counts as seen. */
export function seenNotifications(account: string): Set<string> | undefined {
  return localStorage.getItem(key(account, "seen")) === null ? undefined : readSet(account, "seen");
}
export function markNotificationsSeen(account: string, ids: Iterable<string>): void {
  const seen = seenNotifications(account) ?? new Set<string>();
  for (const id of ids) seen.add(id);
  writeSet(account, "seen", seen, MAX_READ);
}
