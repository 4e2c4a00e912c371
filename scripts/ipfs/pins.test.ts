// The pin store on its own: Kubo's pin rules, the per-block counts behind "is this block pinned?", and deletes that
// never take a pinned block (what keeps an aborted upload's rollback from removing content someone pinned).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { fileNode, rawBlock, type Block } from "@souk/sdk/car-builder";
import { FsBlockstore } from "blockstore-fs";
import { FsDatastore } from "datastore-fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { PinnedBlockError, PinStore } from "./pins.ts";

let dir: string;
let blocks: FsBlockstore;
let datastore: FsDatastore;
let pins: PinStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "souk-pins-"));
  blocks = new FsBlockstore(path.join(dir, "blocks"));
  datastore = new FsDatastore(path.join(dir, "datastore"));
  await blocks.open();
  await datastore.open();
  pins = new PinStore(blocks, datastore);
});

afterEach(async () => {
  await blocks.close();
  await datastore.close();
  await rm(dir, { recursive: true, force: true });
});

async function store(...list: Block[]): Promise<void> {
  for (const block of list) await blocks.put(block.cid, block.bytes);
}

async function file(): Promise<{ root: Block; leaves: Block[] }> {
  const leaves = await Promise.all([1, 2].map((n) => rawBlock(new Uint8Array(100).fill(n))));
  const root = await fileNode(leaves, 100);
  await store(root, ...leaves);
  return { root, leaves };
}

describe("PinStore", () => {
  it("covers every block of a recursive pin, and deletes only what no pin covers", async () => {
    const { root, leaves } = await file();
    const loose = await rawBlock(new Uint8Array([9]));
    await store(loose);
    await pins.add(root.cid, { recursive: true, name: "photo" });
    for (const block of [root, ...leaves]) {
      expect(await pins.isPinned(block.cid)).toBe(true);
      await expect(pins.deleteUnpinned(block.cid)).rejects.toBeInstanceOf(PinnedBlockError);
      expect(await blocks.has(block.cid)).toBe(true);
    }
    await pins.deleteUnpinned(loose.cid);
    expect(await blocks.has(loose.cid)).toBe(false);
  });

  it("counts overlapping pins: a block stays pinned until the last pin covering it goes", async () => {
    const { root, leaves } = await file();
    await pins.add(leaves[0]!.cid, { recursive: false });
    await pins.add(root.cid, { recursive: true });
    await pins.rm(root.cid, { recursive: true });
    expect(await pins.isPinned(leaves[0]!.cid)).toBe(true);
    expect(await pins.isPinned(leaves[1]!.cid)).toBe(false);
    expect(await pins.status(leaves[0]!.cid, "all")).toEqual({ cid: leaves[0]!.cid.toString(), type: "direct", name: "" });
  });

  it("follows Kubo's rules: direct upgrades to recursive, not the other way; indirect pins are reported", async () => {
    const { root, leaves } = await file();
    await pins.add(root.cid, { recursive: false });
    expect(await pins.isPinned(leaves[0]!.cid)).toBe(false);
    await pins.add(root.cid, { recursive: true });
    expect(await pins.isPinned(leaves[0]!.cid)).toBe(true);
    await expect(pins.add(root.cid, { recursive: false })).rejects.toThrow(/already pinned recursively/);
    await expect(pins.rm(root.cid, { recursive: false })).rejects.toThrow(/pinned recursively/);
    expect(await pins.status(leaves[1]!.cid, "all")).toMatchObject({ type: `indirect through ${root.cid.toString()}` });
    const listed = [];
    for await (const entry of pins.list("all")) listed.push(entry.type);
    expect(listed).toEqual(["recursive", "indirect", "indirect"]);
  });

  it("records nothing when a block of the DAG is missing", async () => {
    const leaves = await Promise.all([1, 2].map((n) => rawBlock(new Uint8Array(10).fill(n))));
    const root = await fileNode(leaves, 10);
    await store(root, leaves[0]!);
    await expect(pins.add(root.cid, { recursive: true })).rejects.toThrow(/not found/);
    expect(await pins.isPinned(root.cid)).toBe(false);
    expect(await pins.status(root.cid, "all")).toBeUndefined();
  });

  it("keeps pins and counts in the datastore: a new pin store on the same folders finds them", async () => {
    const { root, leaves } = await file();
    await pins.add(root.cid, { recursive: true, name: "kept" });
    const again = new PinStore(blocks, datastore);
    expect(await again.status(root.cid, "all")).toEqual({ cid: root.cid.toString(), type: "recursive", name: "kept" });
    expect(await again.isPinned(leaves[1]!.cid)).toBe(true);
  });
});
