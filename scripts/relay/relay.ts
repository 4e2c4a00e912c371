// Souk's Nostr relay: NIP-01 over WebSocket on loopback, built on @nostr-relay/core (message handling, id and signature
// checks, OK/EOSE/CLOSED replies) and @nostr-relay/validator (message schemas), with the parts this project owns:
// storage on node:sqlite (./repository.ts), live delivery that honours every filter condition
// (./live-subscriptions.ts), size and rate limits, and a NIP-11 information document.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { rm } from "node:fs/promises";

import { LogLevel, type Event, type Filter } from "@nostr-relay/common";
import { NostrRelay } from "@nostr-relay/core";
import { Validator } from "@nostr-relay/validator";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

import { LiveSubscriptions } from "./live-subscriptions.ts";
import { TokenBucket } from "./rate-limit.ts";
import { MAX_QUERY_LIMIT, SqliteEventRepository, supersedes } from "./repository.ts";

export const DEFAULT_RELAY_PORT = 7777;
export const DEFAULT_RELAY_DATA_DIR = path.resolve(import.meta.dirname, "..", "..", ".souk", "relay");

export interface RelayLimits {
  /** Largest WebSocket message accepted; a larger one closes the connection (code 1009). */
  maxMessageBytes: number;
  /** Longest event `content`, in characters. */
  maxContentLength: number;
  maxTags: number;
  /** How far in the future `created_at` may be. Gift wraps are back-dated by design, so the past is unbounded. */
  maxFutureSeconds: number;
  maxSubscriptions: number;
  maxFiltersPerRequest: number;
  eventsPerSecond: number;
  eventBurst: number;
  requestsPerSecond: number;
  requestBurst: number;
  maxConnectionsPerIp: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: 128 * 1024,
  maxContentLength: 64 * 1024,
  maxTags: 200,
  maxFutureSeconds: 15 * 60,
  maxSubscriptions: 20,
  maxFiltersPerRequest: 10,
  eventsPerSecond: 10,
  eventBurst: 40,
  requestsPerSecond: 20,
  requestBurst: 60,
  maxConnectionsPerIp: 200,
};

export interface RelayOptions {
  /** Folder of the SQLite store (default `.souk/relay`). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only. */
  host?: "127.0.0.1";
  limits?: Partial<RelayLimits>;
  /** Wipe the store first. */
  fresh?: boolean;
}

export interface Relay {
  /** e.g. `ws://127.0.0.1:7777` */
  url: string;
  port: number;
  dataDir: string;
  repository: SqliteEventRepository;
  stop(): Promise<void>;
}

export class RelayPortInUseError extends Error {
  override name = "RelayPortInUseError";
  constructor(readonly port: number) {
    super(`cannot start the Nostr relay: port ${port} on 127.0.0.1 is already in use`);
  }
}

type Outgoing = ["OK", string, boolean, string] | ["CLOSED", string, string] | ["NOTICE", string];

export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1") throw new Error(`host must be 127.0.0.1 (loopback only), got ${String(host)}`);
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_RELAY_DATA_DIR);
  if (options.fresh === true) await rm(dataDir, { recursive: true, force: true });

  const repository = new SqliteEventRepository(dataDir);
  const live = new LiveSubscriptions();
  const relay = new NostrRelay(repository, {
    logLevel: LogLevel.ERROR,
    maxSubscriptionsPerClient: limits.maxSubscriptions,
    // The library caches query results for 1 s and event results for 10 min by default: identical requests then get
    // stale answers (a message sent in between is missing). Our store answers in well under a millisecond.
    filterResultCacheTtl: 0,
    eventHandlingResultCacheTtl: 0,
  });
  relay.register({
    beforeHandleEvent: (event: Event) => checkEvent(event, limits, repository),
    // Delivery is ours (see live-subscriptions.ts): the library's own is never called.
    broadcast: async (event: Event) => live.deliver(event),
  });
  const validator = new Validator({
    maxContentLength: limits.maxContentLength,
    maxNumberOfTags: limits.maxTags,
    maxFilterKindsLength: 20,
  });

  const connectionsPerIp = new Map<string, number>();
  const server = createServer((req, res) => answerHttp(req, res, limits));
  const wss = new WebSocketServer({ server, maxPayload: limits.maxMessageBytes });
  // The server's own errors (a port in use) are answered by the listen() below; ws re-emits them here.
  wss.on("error", () => undefined);

  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => {
    const ip = req.socket.remoteAddress ?? "unknown";
    const open = connectionsPerIp.get(ip) ?? 0;
    if (open >= limits.maxConnectionsPerIp) {
      ws.close(1008, "rate-limited: too many connections from this address");
      return;
    }
    connectionsPerIp.set(ip, open + 1);
    relay.handleConnection(ws, ip);
    const events = new TokenBucket(limits.eventsPerSecond, limits.eventBurst);
    const requests = new TokenBucket(limits.requestsPerSecond, limits.requestBurst);
    const reply = (message: Outgoing) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };

    ws.on("message", (data: RawData, isBinary: boolean) => {
      void (async () => {
        if (isBinary) return reply(["NOTICE", "invalid: binary messages are not supported"]);
        let message;
        try {
          message = await validator.validateIncomingMessage(Buffer.isBuffer(data) ? data.toString("utf8") : String(data));
        } catch (error) {
          const reason = error instanceof Error ? error.message : "malformed message";
          return reply(["NOTICE", reason.startsWith("invalid") ? reason : `invalid: ${reason}`]);
        }
        if (message[0] === "EVENT") {
          if (!events.take()) return reply(["OK", message[1].id, false, "rate-limited: slow down, too many events"]);
        } else if (message[0] === "REQ") {
          const [, id, ...filters] = message;
          if (!requests.take()) return reply(["CLOSED", id, "rate-limited: slow down, too many requests"]);
          if (filters.length > limits.maxFiltersPerRequest) {
            return reply(["CLOSED", id, `invalid: at most ${limits.maxFiltersPerRequest} filters per request`]);
          }
          const tooLarge = filters.find((filter: Filter) => (filter.limit ?? 0) > MAX_QUERY_LIMIT);
          if (tooLarge !== undefined) return reply(["CLOSED", id, `invalid: limit is at most ${MAX_QUERY_LIMIT}`]);
          // Registered before the stored events are read, so nothing published meanwhile is missed.
          if (!live.subscribe(ws, id, filters, limits.maxSubscriptions)) {
            return reply(["CLOSED", id, `error: too many subscriptions (at most ${limits.maxSubscriptions})`]);
          }
        } else if (message[0] === "CLOSE") {
          live.unsubscribe(ws, message[1]);
        }
        try {
          await relay.handleMessage(ws, message);
        } catch (error) {
          reply(["NOTICE", `error: ${error instanceof Error ? error.message : "internal error"}`]);
        }
      })();
    });
    ws.on("close", () => {
      live.drop(ws);
      relay.handleDisconnect(ws);
      const left = (connectionsPerIp.get(ip) ?? 1) - 1;
      if (left > 0) connectionsPerIp.set(ip, left);
      else connectionsPerIp.delete(ip);
    });
    ws.on("error", () => ws.terminate());
  });

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new RelayPortInUseError(options.port ?? DEFAULT_RELAY_PORT) : error);
    };
    server.once("error", onError);
    server.listen({ host, port: options.port ?? DEFAULT_RELAY_PORT, exclusive: true }, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  }).catch(async (error: unknown) => {
    await repository.destroy();
    throw error;
  });

  let stopped: Promise<void> | undefined;
  return {
    url: `ws://${host}:${port}`,
    port,
    dataDir,
    repository,
    stop: () =>
      (stopped ??= (async () => {
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await closeServer(server);
        await relay.destroy();
        await repository.destroy();
      })()),
  };
}

/** Refusals that need the relay's limits or store; the library checks ids, signatures and expiry itself. */
function checkEvent(event: Event, limits: RelayLimits, repository: SqliteEventRepository): { canHandle: boolean; message?: string } {
  const now = Math.floor(Date.now() / 1000);
  if (event.created_at > now + limits.maxFutureSeconds) {
    return { canHandle: false, message: `invalid: created_at is more than ${limits.maxFutureSeconds / 60} minutes in the future` };
  }
  if (event.tags.length > limits.maxTags) return { canHandle: false, message: `invalid: at most ${limits.maxTags} tags` };
  const stored = repository.findReplaced(event);
  if (stored !== undefined && stored.id !== event.id && !supersedes(event, stored)) {
    return { canHandle: false, message: "duplicate: a newer version of this replaceable event is stored" };
  }
  return { canHandle: true };
}

/** NIP-11: the relay's information document for `Accept: application/nostr+json`, a short text otherwise. */
function answerHttp(req: IncomingMessage, res: ServerResponse, limits: RelayLimits): void {
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Headers", "Accept");
  if (req.method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { "Content-Type": "text/plain" }).end("Method not allowed\n");
    return;
  }
  if ((req.headers.accept ?? "").includes("application/nostr+json")) {
    res.writeHead(200, { "Content-Type": "application/nostr+json" }).end(JSON.stringify(relayInformation(limits)));
    return;
  }
  res.writeHead(200, { "Content-Type": "text/plain" }).end("Souk's Nostr relay: connect with a Nostr client over WebSocket.\n");
}

export function relayInformation(limits: RelayLimits) {
  return {
    name: "Souk local relay",
    description: "Stores Souk's profiles and gift-wrapped private messages (NIP-17/NIP-59). Ciphertext only.",
    software: "https://www.npmjs.com/package/@nostr-relay/core",
    version: "0.0.40",
    supported_nips: [1, 9, 11, 17, 40, 44, 59],
    limitation: {
      max_message_length: limits.maxMessageBytes,
      max_subscriptions: limits.maxSubscriptions,
      max_filters: limits.maxFiltersPerRequest,
      max_limit: MAX_QUERY_LIMIT,
      max_event_tags: limits.maxTags,
      max_content_length: limits.maxContentLength,
      created_at_upper_limit: limits.maxFutureSeconds,
      auth_required: false,
      payment_required: false,
    },
  };
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
