// Kubo's pin semantics (recursive, direct, indirect; idempotent adds), kept in the node's datastore next to the
// blockstore: one record per pin, and per block the number of pins that cover it, so that "is this block pinned?"
// (asked before an aborted upload deletes its blocks) is one read. Mutations run one at a time, and deleting an
// unpinned block runs in the same queue, so a pin can never lose a block to a concurrent rollback.
import type { Datastore } from "interface-datastore";
import { Key } from "interface-datastore";
import { CID } from "multiformats/cid";

import { blockKey, walkDag, type Blocks } from "./blocks.ts";
import { operationFailed } from "./http.ts";

export type PinType = "recursive" | "direct" | "indirect";
export type PinTypeFilter = PinType | "all";

export interface PinEntry {
  /** The CID as it was pinned (Kubo reports the CID it was given, CIDv0 or CIDv1). */
  cid: string;
  /** 'recursive', 'direct', 'indirect' or, when asked about one CID, 'indirect through <cid>'. */
  type: string;
  name: string;
}

interface StoredPin {
  cid: CID;
  type: "recursive" | "direct";
  display: string;
  name: string;
}

/** What a pin record holds (JSON in the datastore). */
interface PinRecord {
  cid: string;
  type: "recursive" | "direct";
  name: string;
}

const PINS = "/pins";
const REFS = "/pinned-blocks";
const pinKey = (cid: CID) => new Key(`${PINS}/${blockKey(cid)}`);
const refKey = (cid: CID) => new Key(`${REFS}/${blockKey(cid)}`);
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;

export class PinnedBlockError extends Error {
  override name = "PinnedBlockError";
}

export class PinStore {
  readonly #blocks: Blocks;
  readonly #datastore: Datastore;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(blocks: Blocks, datastore: Datastore) {
    this.#blocks = blocks;
    this.#datastore = datastore;
  }

  /** Pins `cid` (all its blocks must be local). Pinning again is a no-op; direct becomes recursive on request. */
  add(cid: CID, options: { recursive: boolean; name?: string }): Promise<void> {
    return this.#serially(async () => {
      const existing = await this.#get(cid);
      const type = options.recursive ? "recursive" : "direct";
      if (existing !== undefined) {
        if (existing.type === "recursive" && !options.recursive) {
          throw operationFailed(`pin: ${cid} already pinned recursively`);
        }
        if (existing.type === type) {
          if (options.name !== undefined && options.name !== existing.name) {
            await this.#datastore.put(pinKey(cid), encode({ cid: existing.display, type, name: options.name } satisfies PinRecord));
          }
          return;
        }
      }
      // Every block must be here before anything is recorded (a missing one throws NotFoundError).
      const covered = await this.#blocksOf(cid, type);
      if (existing !== undefined) await this.#count(await this.#blocksOf(existing.cid, existing.type), -1);
      await this.#count(covered, +1);
      const record: PinRecord = { cid: cid.toString(), type, name: options.name ?? existing?.name ?? "" };
      await this.#datastore.put(pinKey(cid), encode(record));
    });
  }

  rm(cid: CID, options: { recursive: boolean }): Promise<void> {
    return this.#serially(async () => {
      const existing = await this.#get(cid);
      if (existing === undefined) throw operationFailed("not pinned or pinned indirectly");
      if (existing.type === "recursive" && !options.recursive) {
        throw operationFailed(`${cid} is pinned recursively`);
      }
      await this.#count(await this.#blocksOf(existing.cid, existing.type), -1);
      await this.#datastore.delete(pinKey(cid));
    });
  }

  /** True when a pin (its root or, for a recursive pin, any block of its DAG) covers the block. */
  async isPinned(cid: CID): Promise<boolean> {
    return (await this.#refs(cid)) > 0;
  }

  /** Deletes a block unless a pin covers it (then throws PinnedBlockError), in turn with pin changes. */
  deleteUnpinned(cid: CID): Promise<void> {
    return this.#serially(async () => {
      if (await this.isPinned(cid)) throw new PinnedBlockError(`${cid} is pinned`);
      await this.#blocks.delete(cid);
    });
  }

  /** Lists pins like `ipfs pin ls --type <type>`: recursive, then direct, then indirect. */
  async *list(type: PinTypeFilter): AsyncGenerator<PinEntry> {
    const pins = await this.#all();
    for (const wanted of ["recursive", "direct"] as const) {
      if (type !== "all" && type !== wanted) continue;
      for (const pin of pins) {
        if (pin.type === wanted) yield { cid: pin.display, type: wanted, name: pin.name };
      }
    }
    if (type !== "all" && type !== "indirect") return;
    const listed = new Set(pins.map((pin) => blockKey(pin.cid)));
    for (const pin of pins) {
      if (pin.type !== "recursive") continue;
      for await (const { cid } of walkDag(this.#blocks, pin.cid)) {
        const key = blockKey(cid);
        if (listed.has(key)) continue;
        listed.add(key);
        yield { cid: cid.toString(), type: "indirect", name: "" };
      }
    }
  }

  /** How `cid` is pinned, or undefined when it is not (with the given type filter). */
  async status(cid: CID, type: PinTypeFilter): Promise<PinEntry | undefined> {
    const own = await this.#get(cid);
    if (own !== undefined && (type === "all" || type === own.type)) {
      return { cid: cid.toString(), type: own.type, name: own.name };
    }
    if (type !== "all" && type !== "indirect") return undefined;
    // Cheap check first: the per-block count says whether any pin covers it.
    if (!(await this.isPinned(cid))) return undefined;
    const key = blockKey(cid);
    for (const pin of await this.#all()) {
      if (pin.type !== "recursive" || blockKey(pin.cid) === key) continue;
      for await (const block of walkDag(this.#blocks, pin.cid)) {
        if (blockKey(block.cid) === key) {
          return { cid: cid.toString(), type: `indirect through ${pin.display}`, name: "" };
        }
      }
    }
    return undefined;
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {
      // A failed task does not stop the ones queued after it.
    });
    return run;
  }

  /** The distinct blocks a pin covers: the root, or the whole DAG (each block once). */
  async #blocksOf(cid: CID, type: "recursive" | "direct"): Promise<CID[]> {
    const out: CID[] = [];
    const seen = new Set<string>();
    for await (const block of walkDag(this.#blocks, cid, type === "recursive" ? Infinity : 0)) {
      const key = blockKey(block.cid);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(block.cid);
    }
    return out;
  }

  async #refs(cid: CID): Promise<number> {
    try {
      return Number.parseInt(new TextDecoder().decode(await this.#datastore.get(refKey(cid))), 10);
    } catch (err) {
      if ((err as Error).name === "NotFoundError") return 0;
      throw err;
    }
  }

  async #count(cids: readonly CID[], delta: 1 | -1): Promise<void> {
    for (const cid of cids) {
      const next = (await this.#refs(cid)) + delta;
      if (next > 0) await this.#datastore.put(refKey(cid), new TextEncoder().encode(String(next)));
      else await this.#datastore.delete(refKey(cid));
    }
  }

  async #get(cid: CID): Promise<StoredPin | undefined> {
    try {
      return toStored(decode<PinRecord>(await this.#datastore.get(pinKey(cid))));
    } catch (err) {
      if ((err as Error).name === "NotFoundError") return undefined;
      throw err;
    }
  }

  async #all(): Promise<StoredPin[]> {
    const pins: StoredPin[] = [];
    for await (const { value } of this.#datastore.query({ prefix: PINS })) pins.push(toStored(decode<PinRecord>(value)));
    return pins;
  }
}

function toStored(record: PinRecord): StoredPin {
  // Walk from the CID as given: a CIDv0 root has CIDv0 links, which is what Kubo lists as indirect pins.
  return { cid: CID.parse(record.cid), type: record.type, display: record.cid, name: record.name };
}
