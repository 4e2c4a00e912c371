// A raw NIP-01 client for the relay's tests: it shows exactly what goes over the wire (nostr-tools' client re-filters
// what it receives, which would hide a relay that sends too much).
import { finalizeEvent, generateSecretKey, getPublicKey, type EventTemplate, type NostrEvent } from "nostr-tools/pure";

export type RelayMessage = [string, ...unknown[]];

export interface RawClient {
  readonly received: RelayMessage[];
  send(message: unknown): void;
  sendText(text: string): void;
  /** Resolves with the first message (already received or future) that `match` accepts. */
  next(match: (message: RelayMessage) => boolean, timeoutMs?: number): Promise<RelayMessage>;
  /** Publishes and resolves with the relay's OK answer: [accepted, message]. */
  publish(event: NostrEvent): Promise<[boolean, string]>;
  /** Sends a REQ and resolves with the stored events, at EOSE (or the CLOSED reason). */
  query(id: string, ...filters: object[]): Promise<NostrEvent[]>;
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function connect(url: string): Promise<RawClient> {
  const ws = new WebSocket(url);
  const received: RelayMessage[] = [];
  const waiters: Array<{ match: (m: RelayMessage) => boolean; resolve: (m: RelayMessage) => void }> = [];
  ws.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as RelayMessage;
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });

  const next = (match: (m: RelayMessage) => boolean, timeoutMs = 5_000) => {
    const seen = received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<RelayMessage>((resolve, reject) => {
      const waiter = { match, resolve };
      waiters.push(waiter);
      setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) {
          waiters.splice(index, 1);
          reject(new Error(`no matching message within ${timeoutMs} ms; received ${JSON.stringify(received).slice(0, 500)}`));
        }
      }, timeoutMs);
    });
  };

  return {
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    sendText: (text) => ws.send(text),
    next,
    async publish(event) {
      const start = received.length;
      ws.send(JSON.stringify(["EVENT", event]));
      const [, , ok, reason] = await next((m) => m[0] === "OK" && m[1] === event.id && received.indexOf(m) >= start);
      return [ok as boolean, reason as string];
    },
    async query(id, ...filters) {
      const start = received.length;
      ws.send(JSON.stringify(["REQ", id, ...filters]));
      const end = await next((m) => (m[0] === "EOSE" || m[0] === "CLOSED") && m[1] === id && received.indexOf(m) >= start);
      if (end[0] === "CLOSED") throw new Error(String(end[2]));
      return received
        .slice(start, received.indexOf(end))
        .filter((m) => m[0] === "EVENT" && m[1] === id)
        .map((m) => m[2] as NostrEvent);
    },
    closed,
    close: () => ws.close(),
  };
}

/** A fresh key pair. */
export function keys(): { secret: Uint8Array; pubkey: string } {
  const secret = generateSecretKey();
  return { secret, pubkey: getPublicKey(secret) };
}

export function signed(secret: Uint8Array, template: Partial<EventTemplate> & { kind: number }): NostrEvent {
  return finalizeEvent({ created_at: Math.floor(Date.now() / 1000), tags: [], content: "", ...template }, secret);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
