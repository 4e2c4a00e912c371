/**
 * Messaging keys kept in this browser, per account: encrypted with an AES-GCM key that IndexedDB holds as a
 * non-extractable CryptoKey, so the stored bytes are useless if copied off the device. A derived key can always be
 * derived again; a browser key exists only here and in the person's export.
 */
import * as nip19 from "nostr-tools/nip19";

const DB = "souk-messaging";
const STORE = "keys";
const WRAPPING_KEY = "wrapping-key";

export type KeyKind = "derived" | "browser";
export interface StoredKey {
  secret: Uint8Array;
  kind: KeyKind;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB is not available"));
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
    });
  } finally {
    db.close();
  }
}

async function wrappingKey(): Promise<CryptoKey> {
  const existing = await run<CryptoKey | undefined>("readonly", (store) => store.get(WRAPPING_KEY) as IDBRequest<CryptoKey | undefined>);
  if (existing !== undefined) return existing;
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  await run("readwrite", (store) => store.put(key, WRAPPING_KEY));
  return key;
}

const entry = (account: string) => `key:${account.toLowerCase()}`;

export async function saveKey(account: string, key: StoredKey): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await wrappingKey(), new Uint8Array(key.secret));
  await run("readwrite", (store) => store.put({ iv, ciphertext, kind: key.kind }, entry(account)));
}

export async function loadKey(account: string): Promise<StoredKey | undefined> {
  const stored = await run<{ iv: Uint8Array; ciphertext: ArrayBuffer; kind: KeyKind } | undefined>("readonly", (store) => store.get(entry(account)) as IDBRequest<{ iv: Uint8Array; ciphertext: ArrayBuffer; kind: KeyKind } | undefined>);
  if (stored === undefined) return undefined;
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: stored.iv as Uint8Array<ArrayBuffer> }, await wrappingKey(), stored.ciphertext);
  return { secret: new Uint8Array(plain), kind: stored.kind };
}

export async function forgetKey(account: string): Promise<void> {
  await run("readwrite", (store) => store.delete(entry(account)));
}

/** The backup a person keeps (NIP-19 `nsec`, which other Nostr apps import too). */
export function exportSecret(secret: Uint8Array): string {
  return nip19.nsecEncode(secret);
}

export function importSecret(text: string): Uint8Array {
  let decoded;
  try {
    decoded = nip19.decode(text.trim());
  } catch {
    throw new Error("This is not a messaging key backup: it should start with nsec1.");
  }
  if (decoded.type !== "nsec") throw new Error("This is not a messaging key backup: it should start with nsec1.");
  return decoded.data;
}
