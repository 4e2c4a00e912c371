// CAR reassembly against crafted DAGs: what a hostile gateway (or a listing pointing at a crafted file) can send.
import { describe, expect, it } from "vitest";

import { fileFromCar, FileTooLargeError } from "./car.ts";
import { carOf, fileNode, rawBlock, type Block } from "./car-builder.ts";
import { CidError } from "./cid.ts";

/** Two levels of `fanout` links each, every link of the lower level to the same leaf: fanout² visits from a tiny CAR. */
async function twoLevels(leaf: Block, fanout: number): Promise<{ root: Block; car: Uint8Array }> {
  const middle = await fileNode(Array.from({ length: fanout }, () => leaf), leaf.bytes.length);
  const root = await fileNode(Array.from({ length: fanout }, () => middle), leaf.bytes.length * fanout);
  return { root, car: await carOf(root, [middle, leaf]) };
}

describe("fileFromCar", () => {
  it("reassembles a file of several levels in order", async () => {
    const leaves = await Promise.all(Array.from({ length: 6 }, (_, i) => rawBlock(new Uint8Array(1000).fill(i + 1))));
    const left = await fileNode(leaves.slice(0, 3), 1000);
    const right = await fileNode(leaves.slice(3), 1000);
    const root = await fileNode([left, right], 3000);
    const file = await fileFromCar(root.cid.toString(), await carOf(root, [left, right, ...leaves]));
    expect(file.length).toBe(6000);
    expect([file[0], file[999], file[1000], file[5999]]).toEqual([1, 1, 2, 6]);
  });

  it("refuses the two-level CAR of 1,000 links to empty leaves within 100 ms", async () => {
    const { root, car } = await twoLevels(await rawBlock(new Uint8Array(0)), 1_000);
    expect(car.length).toBeLessThan(120_000);
    const started = performance.now();
    await expect(fileFromCar(root.cid.toString(), car)).rejects.toThrow(/empty leaf/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("refuses a DAG that would visit more nodes than its budget, quickly, even with non-empty leaves", async () => {
    const { root, car } = await twoLevels(await rawBlock(new Uint8Array([7])), 1_000);
    const started = performance.now();
    const refusal = fileFromCar(root.cid.toString(), car);
    await expect(refusal).rejects.toThrow(/more than 2624 nodes/);
    await expect(refusal).rejects.not.toBeInstanceOf(FileTooLargeError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("gives the event loop back while it works", async () => {
    // 200 x 200 one-byte leaves: 40,201 visits, allowed here, long enough to need several slices.
    const { root, car } = await twoLevels(await rawBlock(new Uint8Array([7])), 200);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    try {
      expect((await fileFromCar(root.cid.toString(), car, { maxNodes: 50_000 })).length).toBe(40_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it("tells a file that is too large apart from one that cannot be verified", async () => {
    const leaves = await Promise.all(Array.from({ length: 4 }, (_, i) => rawBlock(new Uint8Array(1024).fill(i))));
    const root = await fileNode(leaves, 1024);
    const car = await carOf(root, leaves);
    const tooLarge = fileFromCar(root.cid.toString(), car, { maxBytes: 3 * 1024 });
    await expect(tooLarge).rejects.toBeInstanceOf(FileTooLargeError);
    const missing = await carOf(root, leaves.slice(1));
    const unverifiable = fileFromCar(root.cid.toString(), missing);
    await expect(unverifiable).rejects.toBeInstanceOf(CidError);
    await expect(unverifiable).rejects.not.toBeInstanceOf(FileTooLargeError);
  });

  it("refuses a DAG deeper than allowed", async () => {
    let node = await rawBlock(new Uint8Array([1]));
    const chain: Block[] = [node];
    for (let i = 0; i < 5; i++) {
      node = await fileNode([node], 1);
      chain.push(node);
    }
    await expect(fileFromCar(node.cid.toString(), await carOf(node, chain), { maxDepth: 3 })).rejects.toThrow(/too deep/);
  });
});
