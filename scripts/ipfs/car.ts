// CARv1 streaming of a DAG (trustless gateway responses).
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CarWriter } from "@ipld/car";
import type { CID } from "multiformats/cid";
import { getBlock, walkDag, type Block, type Blocks } from "./blocks.ts";

export type DagScope = "all" | "block";

/** Blocks walked through to reach the terminal CID, then the terminal's DAG (or its block only), each once. */
export async function* carBlocks(
  blocks: Blocks,
  traversed: CID[],
  terminal: CID,
  scope: DagScope,
): AsyncGenerator<Block> {
  const seen = new Set<string>();
  for (const cid of traversed) {
    if (seen.has(cid.toString())) continue;
    seen.add(cid.toString());
    yield { cid, bytes: await getBlock(blocks, cid) };
  }
  for await (const block of walkDag(blocks, terminal, scope === "block" ? 0 : Infinity)) {
    if (!seen.has(block.cid.toString())) yield block;
  }
}

/**
 * Writes a CAR with `root` in its header. A block that cannot be read midway destroys the output, so that
 * the client sees a failed transfer rather than a complete-looking truncated CAR.
 */
export async function writeCar(output: Writable, root: CID, blocks: AsyncIterable<Block>): Promise<void> {
  const { writer, out } = CarWriter.create([root]);
  const source = Readable.from(out);
  const feed = async (): Promise<void> => {
    try {
      for await (const block of blocks) await writer.put(block);
      await writer.close();
    } catch (err) {
      source.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
  };
  await Promise.all([pipeline(source, output), feed()]);
}
