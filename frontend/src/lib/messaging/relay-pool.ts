/**
 * The configured Nostr relays as one: a message goes to all of them (it is sent when at least one stored it), reads
 * merge every relay's answer and drop duplicates (nostr-tools' pool, which also checks every event's signature).
 */
import { SimplePool } from "nostr-tools/pool";
import type { Filter } from "nostr-tools/filter";
import type { NostrEvent } from "nostr-tools/pure";

export class PublishError extends Error {
  override name = "PublishError";
}

export class RelayPool {
  private readonly pool = new SimplePool({ enableReconnect: true });

  constructor(readonly urls: readonly string[]) {}

  /** Resolves with the relays that stored the event; throws PublishError when none did. */
  async publish(event: NostrEvent): Promise<string[]> {
    const results = await Promise.allSettled(this.pool.publish([...this.urls], event, { maxWait: 8_000 }));
    const accepted = this.urls.filter((_, i) => results[i]?.status === "fulfilled");
    if (accepted.length === 0) {
      const reasons = results.map((r) => (r.status === "rejected" ? String(r.reason) : "")).filter((r) => r !== "");
      throw new PublishError(`No relay accepted the message (${reasons.join("; ") || "no answer"}). Check your connection and try again.`);
    }
    return accepted;
  }

  query(filter: Filter, maxWait = 4_000): Promise<NostrEvent[]> {
    return this.pool.querySync([...this.urls], filter, { maxWait });
  }

  /** A live subscription: stored events first, then new ones as they arrive (no polling). */
  subscribe(filter: Filter, onEvent: (event: NostrEvent) => void, onStored?: () => void): () => void {
    const sub = this.pool.subscribeMany([...this.urls], filter, { onevent: onEvent, oneose: onStored });
    return () => sub.close();
  }

  close(): void {
    this.pool.close([...this.urls]);
  }
}
