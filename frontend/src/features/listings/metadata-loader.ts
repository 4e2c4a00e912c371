/**
 * Loads listing metadata for the browse page: a few verified fetches at a time (the gateway and the browser's
 * connection pool are shared with images), in the order the page asks for (what is on screen first, then the rest
 * newest first), and tells React about new documents in batches rather than once per document, so a thousand
 * arrivals cost a handful of renders. When the gateway keeps failing it pauses instead of hammering it. Documents that
 * did not arrive are tried again by itself after a while (10 s, then twice as long each time nothing arrives, up to
 * 5 minutes; at once with `retry()`), so that the page fills in once the gateway is back.
 */
import type { MetaEntry } from "./metadata-entry.ts";

export interface LoaderOptions {
  /** Fetches, verifies and parses one document. Should not reject; a rejection counts as "unreachable". */
  load(cid: string): Promise<MetaEntry>;
  /** A document already in a cache, returned synchronously. */
  peek?(cid: string): MetaEntry | undefined;
  /** Parallel fetches. */
  concurrency?: number;
  /** Shortest time between two notifications. */
  flushMs?: number;
  /** Consecutive "unreachable" results after which loading pauses. */
  breakAfter?: number;
  /** How long after a document failed to arrive loading tries again by itself (doubling while nothing arrives). */
  resumeAfterMs?: number;
}

export interface LoaderSnapshot {
  /** Increases with every batch of new entries. */
  version: number;
  /** Loading stopped because the gateway kept failing; `retry()` resumes. */
  paused: boolean;
  /** Documents requested and not settled yet (queued or in flight). */
  outstanding: number;
}

const MAX_RESUME_MS = 5 * 60_000;

export class MetadataLoader {
  private readonly entries = new Map<string, MetaEntry>();
  private queue: string[] = [];
  private readonly inFlight = new Set<string>();
  /** Documents on screen that have not arrived: when the last one lands, the page is told at once. */
  private urgent = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private lastRequest: readonly string[] = [];
  private lastUrgent = 0;
  private consecutiveUnreachable = 0;
  private paused = false;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private snapshot: LoaderSnapshot = { version: 0, paused: false, outstanding: 0 };
  private readonly concurrency: number;
  private readonly flushMs: number;
  private readonly breakAfter: number;
  private readonly resumeAfterMs: number;
  private resumeDelay: number;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: LoaderOptions) {
    this.concurrency = options.concurrency ?? 10;
    this.flushMs = options.flushMs ?? 100;
    this.breakAfter = options.breakAfter ?? 8;
    this.resumeAfterMs = options.resumeAfterMs ?? 10_000;
    this.resumeDelay = this.resumeAfterMs;
  }

  get(cid: string): MetaEntry | undefined {
    return this.entries.get(cid);
  }

  /**
   * The documents the page needs, most urgent first; the first `urgent` of them are on screen. Replaces the previous
   * request's order: documents no longer asked for are not fetched (those in flight finish and are kept).
   */
  request(cids: readonly string[], urgent = 0): void {
    this.lastRequest = cids;
    this.lastUrgent = urgent;
    const seen = new Set<string>();
    const queue: string[] = [];
    let peeked = false;
    for (const cid of cids) {
      if (seen.has(cid) || this.entries.has(cid) || this.inFlight.has(cid)) continue;
      seen.add(cid);
      const cached = this.options.peek?.(cid);
      if (cached !== undefined) {
        this.entries.set(cid, cached);
        peeked = true;
        continue;
      }
      queue.push(cid);
    }
    this.queue = queue;
    this.urgent = new Set(cids.slice(0, urgent).filter((cid) => !this.entries.has(cid)));
    if (peeked) this.dirty = true;
    this.pump();
    // Cached documents show at once (no throttling delay when coming back to the page).
    if (peeked) this.flush();
    else this.publish();
  }

  /** Forgets documents that failed to arrive (not those that failed verification or validation) and fetches again. */
  retry(): void {
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    for (const [cid, entry] of this.entries) {
      if (entry.status === "unreachable" || entry.status === "missing") this.entries.delete(cid);
    }
    this.paused = false;
    this.consecutiveUnreachable = 0;
    this.dirty = true;
    this.request(this.lastRequest, this.lastUrgent);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LoaderSnapshot => this.snapshot;

  /**
   * The documents as of `version` (LoaderSnapshot.version): a new view for each version, so that what is computed
   * from the documents can depend on the view and is recomputed exactly when documents arrive.
   */
  documentsAt(version: number): { version: number; get(cid: string): MetaEntry | undefined } {
    return { version, get: (cid) => this.entries.get(cid) };
  }

  private pump(): void {
    while (!this.paused && this.inFlight.size < this.concurrency && this.queue.length > 0) {
      const cid = this.queue.shift()!;
      if (this.entries.has(cid) || this.inFlight.has(cid)) continue;
      this.inFlight.add(cid);
      void this.options
        .load(cid)
        .catch((error: unknown): MetaEntry => ({ status: "unreachable", error: error instanceof Error ? error.message : String(error) }))
        .then((entry) => this.settle(cid, entry));
    }
  }

  private settle(cid: string, entry: MetaEntry): void {
    this.inFlight.delete(cid);
    this.entries.set(cid, entry);
    if (entry.status === "unreachable") {
      this.consecutiveUnreachable += 1;
      if (this.consecutiveUnreachable >= this.breakAfter) this.paused = true;
      if (this.resumeTimer === undefined) {
        this.resumeTimer = setTimeout(() => {
          this.resumeDelay = Math.min(this.resumeDelay * 2, MAX_RESUME_MS);
          this.retry();
        }, this.resumeDelay);
      }
    } else {
      this.consecutiveUnreachable = 0;
      this.resumeDelay = this.resumeAfterMs;
    }
    this.dirty = true;
    const wasUrgent = this.urgent.delete(cid);
    if (wasUrgent && this.urgent.size === 0) this.flush();
    else this.schedule();
    this.pump();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.flushMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.lastFlush = Date.now();
    this.publish();
  }

  private publish(): void {
    const outstanding = this.queue.length + this.inFlight.size;
    const changed = this.dirty || this.snapshot.paused !== this.paused || this.snapshot.outstanding !== outstanding;
    if (!changed) return;
    this.snapshot = {
      version: this.snapshot.version + (this.dirty ? 1 : 0),
      paused: this.paused,
      outstanding,
    };
    this.dirty = false;
    for (const listener of this.listeners) listener();
  }
}
