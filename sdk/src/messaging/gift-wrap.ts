/**
 * NIP-59 gift wraps of NIP-17 messages through a MessagingSigner, so that an extension's key works as well as one held
 * here. The rumor (the unsigned message) is sealed by its author (kind 13, NIP-44 to the recipient) and the seal is
 * wrapped with a one-time key (kind 1059, NIP-44, nostr-tools' createWrap): a relay sees only the recipient's key and
 * a random author and time. Every recipient, and the author, gets their own wrap.
 */
import { createWrap } from "nostr-tools/nip59";
import { getEventHash, validateEvent, verifyEvent, type NostrEvent, type UnsignedEvent } from "nostr-tools/pure";

import type { MessagingSigner } from "./signer.ts";

export const SEAL_KIND = 13;
export const GIFT_WRAP_KIND = 1059;

export type Rumor = UnsignedEvent & { id: string };

/** Wraps are back-dated by up to two days (NIP-59) so that their time says nothing; readers must look that far back. */
export const WRAP_BACKDATE_SECONDS = 2 * 24 * 60 * 60;

function randomPastTimestamp(now: number): number {
  return Math.round(now - Math.random() * WRAP_BACKDATE_SECONDS);
}

export class UnwrapError extends Error {
  override name = "UnwrapError";
}

/** Builds the rumor once and wraps it for each recipient and for the author (their own copy, for their other devices). */
export async function giftWrap(
  signer: MessagingSigner,
  message: Omit<UnsignedEvent, "pubkey">,
  recipients: readonly string[],
): Promise<{ rumor: Rumor; wraps: NostrEvent[] }> {
  const unsigned: UnsignedEvent = { ...message, pubkey: signer.pubkey };
  const rumor: Rumor = { ...unsigned, id: getEventHash(unsigned) };
  const now = Math.floor(Date.now() / 1000);
  const wraps: NostrEvent[] = [];
  for (const recipient of new Set([...recipients, signer.pubkey])) {
    const seal = await signer.signEvent({
      kind: SEAL_KIND,
      content: await signer.encrypt(recipient, JSON.stringify(rumor)),
      created_at: randomPastTimestamp(now),
      tags: [],
    });
    wraps.push(createWrap(seal, recipient));
  }
  return { rumor, wraps };
}

/**
 * Opens a gift wrap addressed to the signer. Throws UnwrapError unless the seal is validly signed and the rumor is
 * by the seal's author with a correct id: nobody can make a message appear to come from someone else.
 */
export async function unwrapGift(signer: MessagingSigner, wrap: NostrEvent): Promise<Rumor> {
  if (wrap.kind !== GIFT_WRAP_KIND) throw new UnwrapError(`not a gift wrap (kind ${wrap.kind})`);
  let seal: NostrEvent;
  let rumor: Rumor;
  try {
    seal = JSON.parse(await signer.decrypt(wrap.pubkey, wrap.content)) as NostrEvent;
  } catch {
    throw new UnwrapError("the wrap cannot be decrypted with this key");
  }
  if (seal?.kind !== SEAL_KIND || !verifyEvent(seal)) throw new UnwrapError("the seal is not validly signed");
  try {
    rumor = JSON.parse(await signer.decrypt(seal.pubkey, seal.content)) as Rumor;
  } catch {
    throw new UnwrapError("the seal cannot be decrypted");
  }
  if (!validateEvent(rumor) || typeof rumor.id !== "string") throw new UnwrapError("the rumor is malformed");
  if (rumor.pubkey !== seal.pubkey) throw new UnwrapError("the message claims another author than its seal");
  if (getEventHash(rumor) !== rumor.id) throw new UnwrapError("the message id does not match its content");
  return rumor;
}
