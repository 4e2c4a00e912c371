/**
 * Answers computed once per change of the database: an answer is kept with the database snapshot it was computed
 * in (`pg_current_snapshot()`), and served again for as long as a new snapshot is the same, that is until a transaction
 * that wrote commits anywhere in the database (Ponder indexing a block or beating its heartbeat, the document fetcher
 * storing a document, a reorg). Readers never change it: read-only transactions take no transaction id; a write still
 * in progress is invisible to both. So a cached answer is exactly what computing it again would give, at the cost of
 * one round trip to check (tested in indexer/test/snapshot-cache.test.ts).
 *
 * The snapshot is read before computing: whatever commits during the computation changes it, and the next request
 * computes again. Concurrent requests for a key share one computation; a failed one is forgotten. Keys asked for
 * recently are kept warm: when the database changes, they are computed again in the background, so that a request
 * seldom waits for a computation (only one that arrives while it runs).
 */
import type pg from "pg";

interface Entry<T> {
  snapshot: string;
  value: Promise<T>;
  compute: () => Promise<T>;
  requestedAt: number;
}

export type CacheOutcome = "hit" | "miss";

export interface SnapshotCacheOptions {
  /** How many keys are kept (the least recently used goes first). */
  capacity?: number;
  /** Keys asked for within this long are computed again in the background after a change; 0 turns that off. */
  keepWarmForMs?: number;
  /** How often a warm key's snapshot is looked at. */
  checkEveryMs?: number;
}

export class SnapshotCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #capacity: number;
  readonly #keepWarmForMs: number;
  readonly #checkEveryMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: pg.Pool,
    options: SnapshotCacheOptions = {},
  ) {
    this.#capacity = options.capacity ?? 64;
    this.#keepWarmForMs = options.keepWarmForMs ?? 0;
    this.#checkEveryMs = options.checkEveryMs ?? 1_000;
  }

  /** The answer for `key` in the database's current state, and whether it was computed for this request. */
  async get(key: string, compute: () => Promise<T>): Promise<{ value: T; outcome: CacheOutcome }> {
    const snapshot = await this.#snapshot();
    const entry = this.#entries.get(key);
    const now = Date.now();
    if (entry?.snapshot === snapshot) {
      entry.compute = compute;
      entry.requestedAt = now;
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      this.#keepWarm();
      return { value: await entry.value, outcome: "hit" };
    }
    const fresh = this.#compute(key, snapshot, compute, now);
    this.#keepWarm();
    return { value: await fresh.value, outcome: "miss" };
  }

  async #snapshot(): Promise<string> {
    const { rows } = await this.pool.query<{ snapshot: string }>("SELECT pg_current_snapshot()::text AS snapshot");
    return rows[0]!.snapshot;
  }

  #compute(key: string, snapshot: string, compute: () => Promise<T>, requestedAt: number): Entry<T> {
    const fresh: Entry<T> = { snapshot, value: compute(), compute, requestedAt };
    this.#entries.delete(key);
    this.#entries.set(key, fresh);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    fresh.value.catch(() => {
      if (this.#entries.get(key) === fresh) this.#entries.delete(key);
    });
    return fresh;
  }

  /** Starts the background checks while a key is warm; they stop once none has been asked for recently. */
  #keepWarm(): void {
    if (this.#keepWarmForMs <= 0 || this.#timer !== undefined) return;
    const check = async () => {
      const warm = [...this.#entries].filter(([, entry]) => Date.now() - entry.requestedAt < this.#keepWarmForMs);
      if (warm.length === 0) {
        this.#timer = undefined;
        return;
      }
      try {
        const snapshot = await this.#snapshot();
        for (const [key, entry] of warm) {
          if (entry.snapshot !== snapshot) await this.#compute(key, snapshot, entry.compute, entry.requestedAt).value;
        }
      } catch {
        // The database is not answering (or the pool was closed): a request computes and reports it.
      }
      this.#timer = setTimeout(() => void check(), this.#checkEveryMs).unref();
    };
    this.#timer = setTimeout(() => void check(), this.#checkEveryMs).unref();
  }
}
