/**
 * One person's messaging: a live subscription to the gift wraps addressed to their key (stored ones first, then new
 * ones as relays receive them), every wrap opened and checked, and sending. The state is a snapshot for React's
 * useSyncExternalStore.
 */
import {
  buildMessage,
  giftWrap,
  GIFT_WRAP_KIND,
  parseMessage,
  unwrapGift,
  type Conversation,
  type Message,
  type MessageBody,
  type MessagingSigner,
} from "@souk/sdk/messaging";
import type { NostrEvent } from "nostr-tools/pure";
import type { Address } from "viem";

import type { ProfileDirectory } from "./profile-directory.ts";
import type { RelayPool } from "./relay-pool.ts";

export interface MessagingSnapshot {
  /** False until every relay has sent what it stores. */
  loaded: boolean;
  /** Every message, oldest first, each once (the author's own copy and the recipients' share one id). */
  messages: readonly Message[];
}

export type MessageListener = (message: Message, receivedAt: number) => void;

export class MessagingClient {
  private snapshot: MessagingSnapshot = { loaded: false, messages: [] };
  private readonly byId = new Map<string, Message>();
  private readonly seenWraps = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly messageListeners = new Set<MessageListener>();
  private close: (() => void) | undefined;

  constructor(
    readonly account: Address,
    readonly signer: MessagingSigner,
    readonly pool: RelayPool,
    readonly directory: ProfileDirectory,
  ) {}

  start(): void {
    if (this.close !== undefined) return;
    this.close = this.pool.subscribe(
      { kinds: [GIFT_WRAP_KIND], "#p": [this.signer.pubkey] },
      (wrap) => void this.receive(wrap),
      () => this.update({ loaded: true }),
    );
  }

  stop(): void {
    this.close?.();
    this.close = undefined;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MessagingSnapshot => this.snapshot;

  /** Called for each new message as it arrives (not for those loaded at start). */
  onMessage(listener: MessageListener): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Sends to the recipients' keys and to the author's own (their other devices); resolves once relays stored it. */
  async send(conversation: Conversation, recipients: readonly string[], body: MessageBody): Promise<Message> {
    const { rumor, wraps } = await giftWrap(this.signer, buildMessage(conversation, recipients, body), recipients);
    await Promise.all(wraps.map((wrap) => this.pool.publish(wrap)));
    const message = parseMessage(rumor);
    if (message === null) throw new Error("The message could not be read back.");
    this.add(message, false);
    return message;
  }

  private async receive(wrap: NostrEvent): Promise<void> {
    if (this.seenWraps.has(wrap.id)) return;
    this.seenWraps.add(wrap.id);
    const receivedAt = performance.now();
    try {
      const message = parseMessage(await unwrapGift(this.signer, wrap));
      if (message !== null) this.add(message, this.snapshot.loaded, receivedAt);
    } catch {
      // Not for us, tampered, or not a Souk message: dropped, never shown.
    }
  }

  private add(message: Message, live: boolean, receivedAt = performance.now()): void {
    if (this.byId.has(message.id)) return;
    this.byId.set(message.id, message);
    const messages = [...this.byId.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    this.update({ messages });
    if (live) for (const listener of this.messageListeners) listener(message, receivedAt);
  }

  private update(change: Partial<MessagingSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}
