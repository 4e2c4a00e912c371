// Local-only block access and DAG traversal (dag-pb and raw: the codecs the light node stores).
import * as dagPb from "@ipld/dag-pb";
import * as raw from "multiformats/codecs/raw";
import type { Blockstore } from "interface-blockstore";
import type { CID } from "multiformats/cid";
import { NotFoundError } from "./http.ts";

/** The blockstore operations the node uses (blockstore-fs on disk; deletes go through the pin store). */
export type Blocks = Pick<Blockstore, "has" | "get" | "put" | "delete">;

const IDENTITY_HASH = 0x00;

/** Kubo's wording for a block that is not available on an offline node. */
export function blockNotFound(cid: CID): NotFoundError {
  return new NotFoundError(`block was not found locally (offline): ipld: could not find ${cid}`);
}

/** Key under which the blockstore files a block: blocks are stored by multihash, whatever the CID version. */
export function blockKey(cid: CID): string {
  return Buffer.from(cid.multihash.bytes).toString("base64url");
}

/**
 * The node's blocks: `store` on disk, identity CIDs (whose bytes are the digest itself) answered without it, and
 * deletes through `remove` (the pin store's, which refuses pinned blocks).
 */
export function nodeBlocks(store: Blocks, remove: (cid: CID) => Promise<void>): Blocks {
  return {
    has: async (cid, options) => cid.multihash.code === IDENTITY_HASH || (await store.has(cid, options)),
    get: (cid, options) =>
      cid.multihash.code === IDENTITY_HASH
        ? (async function* () {
            yield cid.multihash.digest;
          })()
        : store.get(cid, options),
    put: (cid, bytes, options) => store.put(cid, bytes, options),
    delete: (cid) => remove(cid),
  };
}

export async function hasBlock(blocks: Blocks, cid: CID): Promise<boolean> {
  return cid.multihash.code === IDENTITY_HASH || (await blocks.has(cid));
}

/** Reads one block from the local store; never asks the network (there is none). */
export async function getBlock(blocks: Blocks, cid: CID): Promise<Uint8Array> {
  if (!(await hasBlock(blocks, cid))) throw blockNotFound(cid);
  const chunks: Uint8Array[] = [];
  for await (const chunk of blocks.get(cid)) chunks.push(chunk);
  return chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
}

/** CIDs linked from a block; only dag-pb has links among the codecs stored here. */
export function linksOf(cid: CID, bytes: Uint8Array): CID[] {
  if (cid.code === dagPb.code) return dagPb.decode(bytes).Links.map((link) => link.Hash);
  return [];
}

export function isSupportedCodec(cid: CID): boolean {
  return cid.code === dagPb.code || cid.code === raw.code;
}

export interface Block {
  cid: CID;
  bytes: Uint8Array;
}

/**
 * Walks a DAG depth-first in link order (the order of the trustless gateway's CAR responses), each block
 * once. A missing block throws NotFoundError.
 */
export async function* walkDag(blocks: Blocks, root: CID, maxDepth = Infinity): AsyncGenerator<Block> {
  const seen = new Set<string>();
  const stack: Array<{ cid: CID; depth: number }> = [{ cid: root, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const key = next.cid.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    const bytes = await getBlock(blocks, next.cid);
    yield { cid: next.cid, bytes };
    if (next.depth >= maxDepth) continue;
    const links = linksOf(next.cid, bytes);
    for (let i = links.length - 1; i >= 0; i--) {
      const link = links[i];
      if (link !== undefined) stack.push({ cid: link, depth: next.depth + 1 });
    }
  }
}
