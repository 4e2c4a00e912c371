/**
 * The transcript of a conversation as exact bytes, and their SHA-256: the digest a party cites on chain
 * (`submitEvidence`) so that nobody can rewrite the thread afterwards. Anyone later shown the messages (the arbiter)
 * recomputes the digest from what they decrypted and compares. Forwarded copies count as their original; each message
 * once, ordered by time then id; every field that a message's id commits to is included.
 */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, type Hex } from "viem";

import type { Rumor } from "./gift-wrap.ts";
import type { Message } from "./message.ts";

/** The originals behind a list of messages: forwards replaced by what they carry, each message once, in order. */
export function transcriptRumors(messages: readonly Message[]): Rumor[] {
  const byId = new Map<string, Rumor>();
  for (const message of messages) {
    const rumor = message.body.type === "forward" ? message.body.original : message.rumor;
    byId.set(rumor.id, rumor);
  }
  return [...byId.values()].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function transcriptBytes(messages: readonly Message[]): Uint8Array {
  const rows = transcriptRumors(messages).map((r) => [r.id, r.pubkey, r.created_at, r.kind, r.tags, r.content]);
  return new TextEncoder().encode(JSON.stringify({ schema: "souk.transcript/1", messages: rows }));
}

export function transcriptDigest(messages: readonly Message[]): Hex {
  return bytesToHex(sha256(transcriptBytes(messages)));
}
