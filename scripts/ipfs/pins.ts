// Kubo's pin semantics (recursive, direct, indirect; idempotent adds) on top of Helia's pins.
import type { Helia } from "helia";
import { CID } from "multiformats/cid";
import { blockKey, walkDag, type Blocks } from "./blocks.ts";
import { operationFailed } from "./http.ts";

export type PinType = "recursive" | "direct" | "indirect";
export type PinTypeFilter = PinType | "all";

export interface PinEntry {
  /** The CID as it was pinned (Helia stores pins as CIDv1; Kubo reports the CID it was given). */
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

export class PinStore {
  readonly #helia: Helia;

  constructor(helia: Helia) {
    this.#helia = helia;
  }

  get #blocks(): Blocks {
    return this.#helia.blockstore;
  }

  /** Pins `cid` (all its blocks must be local). Pinning again is a no-op; direct becomes recursive on request. */
  async add(cid: CID, options: { recursive: boolean; name?: string }): Promise<void> {
    const existing = await this.#get(cid);
    if (existing !== undefined) {
      if (existing.type === "recursive" && !options.recursive) {
        throw operationFailed(`pin: ${cid} already pinned recursively`);
      }
      if (existing.type === (options.recursive ? "recursive" : "direct")) {
        if (options.name !== undefined && options.name !== existing.name) {
          await this.#helia.pins.setMetadata(cid, { cid: existing.display, name: options.name });
        }
        return;
      }
    }
    // Helia would otherwise record half a pin before failing on a missing block.
    for await (const block of walkDag(this.#blocks, cid, options.recursive ? Infinity : 0)) void block;
    if (existing !== undefined) await drain(this.#helia.pins.rm(cid));
    const metadata = { cid: cid.toString(), name: options.name ?? existing?.name ?? "" };
    try {
      await drain(this.#helia.pins.add(cid, { depth: options.recursive ? Infinity : 0, metadata }));
    } catch (err) {
      // A concurrent request pinned it first: the outcome is the same.
      if ((err as Error).name !== "AlreadyPinnedError") throw err;
    }
  }

  async rm(cid: CID, options: { recursive: boolean }): Promise<void> {
    const existing = await this.#get(cid);
    if (existing === undefined) throw operationFailed("not pinned or pinned indirectly");
    if (existing.type === "recursive" && !options.recursive) {
      throw operationFailed(`${cid} is pinned recursively`);
    }
    await drain(this.#helia.pins.rm(cid));
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
    // Cheap check first: Helia counts, per block, the pins that cover it.
    if (!(await this.#helia.pins.isPinned(cid))) return undefined;
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

  async #get(cid: CID): Promise<StoredPin | undefined> {
    try {
      const pin = await this.#helia.pins.get(cid);
      return toStored(cid, pin.depth, pin.metadata);
    } catch (err) {
      if ((err as Error).name === "NotFoundError") return undefined;
      throw err;
    }
  }

  async #all(): Promise<StoredPin[]> {
    const pins: StoredPin[] = [];
    for await (const pin of this.#helia.pins.ls()) pins.push(toStored(pin.cid, pin.depth, pin.metadata));
    return pins;
  }
}

function toStored(cid: CID, depth: number, metadata: Record<string, unknown>): StoredPin {
  const display = typeof metadata.cid === "string" ? metadata.cid : cid.toString();
  return {
    // Walk from the CID as given: a CIDv0 root has CIDv0 links, which is what Kubo lists as indirect pins.
    cid: display === cid.toString() ? cid : CID.parse(display),
    type: depth === 0 ? "direct" : "recursive",
    display,
    name: typeof metadata.name === "string" ? metadata.name : "",
  };
}

async function drain(source: AsyncIterable<unknown>): Promise<void> {
  for await (const item of source) void item;
}
