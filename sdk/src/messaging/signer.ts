/**
 * Who signs and decrypts for the person: a secret key held in this page (derived from the wallet or kept in the
 * browser), or a NIP-07 extension that keeps its key to itself. Everything above this works with either.
 */
import * as nip44 from "nostr-tools/nip44";
import { finalizeEvent, getPublicKey, type EventTemplate, type NostrEvent } from "nostr-tools/pure";

export interface MessagingSigner {
  readonly pubkey: string;
  readonly kind: "derived" | "browser" | "extension";
  signEvent(template: EventTemplate): Promise<NostrEvent>;
  /** NIP-44 v2 to or from `peer`. */
  encrypt(peer: string, plaintext: string): Promise<string>;
  decrypt(peer: string, ciphertext: string): Promise<string>;
}

export function secretKeySigner(secret: Uint8Array, kind: "derived" | "browser"): MessagingSigner {
  const pubkey = getPublicKey(secret);
  const conversationKeys = new Map<string, Uint8Array>();
  const conversationKey = (peer: string) => {
    let key = conversationKeys.get(peer);
    if (key === undefined) {
      key = nip44.getConversationKey(secret, peer);
      conversationKeys.set(peer, key);
    }
    return key;
  };
  return {
    pubkey,
    kind,
    signEvent: async (template) => finalizeEvent(template, secret),
    encrypt: async (peer, plaintext) => nip44.encrypt(plaintext, conversationKey(peer)),
    decrypt: async (peer, ciphertext) => nip44.decrypt(ciphertext, conversationKey(peer)),
  };
}

/** The NIP-07 interface (`window.nostr`) with the NIP-44 methods Souk needs. */
export interface Nip07 {
  getPublicKey(): Promise<string>;
  signEvent(template: EventTemplate): Promise<NostrEvent>;
  nip44?: {
    encrypt(pubkey: string, plaintext: string): Promise<string>;
    decrypt(pubkey: string, ciphertext: string): Promise<string>;
  };
}

/** A signer backed by a NIP-07 extension; null when the extension cannot do NIP-44 (needed for NIP-17). */
export async function extensionSigner(extension: Nip07): Promise<MessagingSigner | null> {
  const crypto = extension.nip44;
  if (crypto === undefined) return null;
  const pubkey = await extension.getPublicKey();
  return {
    pubkey,
    kind: "extension",
    signEvent: (template) => extension.signEvent(template),
    encrypt: (peer, plaintext) => crypto.encrypt(peer, plaintext),
    decrypt: (peer, ciphertext) => crypto.decrypt(peer, ciphertext),
  };
}
