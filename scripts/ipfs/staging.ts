// Block writes of one upload, so that a failed upload (too large, aborted, malformed) leaves nothing behind.
import type { CID } from "multiformats/cid";
import { blockKey, type Blocks } from "./blocks.ts";

/** The blockstore subset that ipfs-unixfs-importer writes to. */
export interface WritableBlocks {
  put(cid: CID, bytes: Uint8Array): Promise<CID>;
}

/** For `only-hash`: computes CIDs and stores nothing. */
export const discardingBlocks: WritableBlocks = {
  put: async (cid) => cid,
};

/**
 * Counts, per block, the uploads in progress that wrote it, so that rolling back one upload never deletes a
 * block that a concurrent upload of overlapping content still needs.
 */
export class Staging {
  readonly #blocks: Blocks;
  readonly #shared: SharedState = { inFlight: new Map(), deleting: new Map(), writing: new Map() };

  constructor(blocks: Blocks) {
    this.#blocks = blocks;
  }

  begin(): StagedUpload {
    return new StagedUpload(this.#blocks, this.#shared);
  }
}

interface SharedState {
  /** Per block key: how many uploads in progress wrote it. */
  inFlight: Map<string, number>;
  /** Per block key: a rollback deleting it right now. */
  deleting: Map<string, Promise<void>>;
  /** Per block key: a write in progress. */
  writing: Map<string, Promise<void>>;
}

export class StagedUpload implements WritableBlocks {
  readonly #blocks: Blocks;
  readonly #shared: SharedState;
  readonly #touched = new Set<string>();
  /** Blocks that this upload wrote and that were not in the store before. */
  readonly #created = new Map<string, CID>();
  /** No more writes: committed or rolling back. */
  #closed = false;
  #released = false;

  constructor(blocks: Blocks, shared: SharedState) {
    this.#blocks = blocks;
    this.#shared = shared;
  }

  async put(cid: CID, bytes: Uint8Array): Promise<CID> {
    if (this.#closed) throw new Error("upload already finished");
    const key = blockKey(cid);
    const { inFlight, deleting, writing } = this.#shared;
    if (!this.#touched.has(key)) {
      // Registered before any await so that concurrent writes of the same block count once.
      this.#touched.add(key);
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      await deleting.get(key);
      if (!(await this.#blocks.has(cid))) this.#created.set(key, cid);
    }
    if (this.#closed) throw new Error("upload already finished");
    // Simultaneous writes of one block (a file with repeated chunks) collide on blockstore-fs's temporary
    // file and wait out its rename retries (~1 s): the second writer waits for the first instead.
    let write = writing.get(key);
    if (write === undefined) {
      const started = (async (): Promise<void> => {
        await this.#blocks.put(cid, bytes);
      })();
      write = started;
      writing.set(key, started);
      started.then(
        () => writing.delete(key),
        () => writing.delete(key),
      );
    }
    await write;
    return cid;
  }

  /** Keeps the blocks (the caller pinned what it wanted to keep). */
  commit(): void {
    this.#closed = true;
    this.#release();
  }

  /** Deletes the blocks this upload created, unless pinned or still used by another upload in progress. */
  async rollback(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const { inFlight, deleting } = this.#shared;
    try {
      for (const [key, cid] of this.#created) {
        // Checked and marked in the same tick: a later put of this block waits for the deletion, then rewrites it.
        if ((inFlight.get(key) ?? 0) > 1) continue;
        const deletion = Promise.resolve()
          .then(() => this.#blocks.delete(cid))
          .catch(() => {
            // Pinned meanwhile (a pin/add of the same content): it must stay.
          });
        deleting.set(key, deletion);
        await deletion;
        deleting.delete(key);
      }
    } finally {
      this.#release();
    }
  }

  #release(): void {
    if (this.#released) return;
    this.#released = true;
    const { inFlight } = this.#shared;
    for (const key of this.#touched) {
      const count = (inFlight.get(key) ?? 1) - 1;
      if (count <= 0) inFlight.delete(key);
      else inFlight.set(key, count);
    }
  }
}
