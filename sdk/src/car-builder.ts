/**
 * Building UnixFS DAGs and CARs block by block, for tests of the verified readers: honest files of several levels
 * and the crafted ones a hostile gateway could send (shared links, empty leaves, missing blocks).
 */
import { CarWriter } from "@ipld/car/writer";
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

export interface Block {
  cid: CID;
  bytes: Uint8Array;
}

/** One raw leaf (CIDv1, sha2-256). */
export async function rawBlock(bytes: Uint8Array): Promise<Block> {
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes };
}

/** A UnixFS file node linking `children` in order, each said to hold `childSize` bytes of the file. */
export async function fileNode(children: readonly Block[], childSize: number): Promise<Block> {
  const unixfs = new UnixFS({ type: "file", blockSizes: children.map(() => BigInt(childSize)) });
  const bytes = dagPb.encode(
    dagPb.prepare({ Data: unixfs.marshal(), Links: children.map((child) => ({ Hash: child.cid, Tsize: childSize })) }),
  );
  return { cid: CID.createV1(dagPb.code, await sha256.digest(bytes)), bytes };
}

/** A CARv1 with `root` as its root and every block once, in the order given. */
export async function carOf(root: Block, blocks: readonly Block[]): Promise<Uint8Array> {
  const { writer, out } = CarWriter.create([root.cid]);
  const chunks: Uint8Array[] = [];
  const collected = (async () => {
    for await (const chunk of out) chunks.push(chunk);
  })();
  const seen = new Set<string>();
  for (const block of [root, ...blocks]) {
    if (seen.has(block.cid.toString())) continue;
    seen.add(block.cid.toString());
    await writer.put(block);
  }
  await writer.close();
  await collected;
  const car = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    car.set(chunk, offset);
    offset += chunk.length;
  }
  return car;
}
