// Kubo-identical CIDs: known vectors, chunk boundaries, a two-level DAG (> 174 chunks), checked against
// Debian's ipfs_cid (Kubo's CIDv0) and against leaf CIDs computed independently with node:crypto.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dagPb from "@ipld/dag-pb";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import {
  collect,
  hasIpfsCid,
  skipIpfsCidOracle,
  kuboCidV0,
  pseudoRandomBytes,
  rawCid,
  sha256Hex,
  startTestNode,
  tempDir,
  type TestNode,
} from "./testing.ts";

const CHUNK = 262_144;
const MAX_LINKS = 174;
/** One chunk more than a single layout level holds: the DAG needs a second level. */
const TWO_LEVEL_SIZE = MAX_LINKS * CHUNK + CHUNK + 12_345;

let t: TestNode;
let scratch: string;

beforeAll(async () => {
  t = await startTestNode({ maxUploadBytes: 64 * 1024 * 1024 });
  scratch = await tempDir("souk-ipfs-oracle-");
});

afterAll(async () => {
  await t.cleanup();
  await rm(scratch, { recursive: true, force: true });
});

async function children(cid: CID): Promise<CID[]> {
  return dagPb.decode(await t.ipfs.block.get(cid)).Links.map((link) => link.Hash);
}

/** Leaf CIDs in file order, walking the DAG through the RPC API. */
async function leaves(cid: CID): Promise<CID[]> {
  if (cid.code === raw.code) return [cid];
  const links = await children(cid);
  if (links.length === 0) return [cid];
  const out: CID[] = [];
  for (const link of links) out.push(...(await leaves(link)));
  return out;
}

describe("CID vectors", () => {
  it.runIf(process.env.CI === "true")("has Debian's ipfs_cid to compare with in CI", () => {
    expect(hasIpfsCid, "ipfs_cid must be installed in CI (apt-get install ipfs-cid)").toBe(true);
  });

  it("matches the known hello world vectors", async () => {
    expect((await t.ipfs.add("hello world\n")).cid.toString()).toBe("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
    expect((await t.ipfs.add("hello world\n", { cidVersion: 1 })).cid.toString()).toBe(
      "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4",
    );
  });

  it("matches Kubo's empty file", async () => {
    expect((await t.ipfs.add(new Uint8Array(0))).cid.toString()).toBe("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
  });

  it.skipIf(skipIpfsCidOracle)("matches ipfs_cid around the chunk size and for a multi-chunk file", async () => {
    for (const size of [1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7]) {
      const bytes = pseudoRandomBytes(size, `boundary-${size}`);
      const added = await t.ipfs.add(bytes);
      expect(added.cid.toString(), `size ${size}`).toBe(await kuboCidV0(bytes, scratch));
    }
  });

  it.skipIf(skipIpfsCidOracle)("matches ipfs_cid for a file of identical chunks (one block written many times)", async () => {
    const zeros = new Uint8Array(12 * CHUNK + 1);
    const added = await t.ipfs.add(zeros);
    expect(added.cid.toString()).toBe(await kuboCidV0(zeros, scratch));
    expect((await collect(t.ipfs.cat(added.cid))).equals(Buffer.from(zeros))).toBe(true);
  });

  it("splits CIDv1 files into 256 KiB raw leaves in order", async () => {
    const bytes = pseudoRandomBytes(3 * CHUNK + 7, "v1-leaves");
    const added = await t.ipfs.add(bytes, { cidVersion: 1 });
    expect(added.cid.version).toBe(1);
    const expected = [0, 1, 2, 3].map((i) => rawCid(bytes.subarray(i * CHUNK, (i + 1) * CHUNK)).toString());
    expect((await leaves(added.cid)).map(String)).toEqual(expected);
  });

  describe(`a ${TWO_LEVEL_SIZE}-byte file (${Math.ceil(TWO_LEVEL_SIZE / CHUNK)} chunks, two layout levels)`, () => {
    const bytes = pseudoRandomBytes(TWO_LEVEL_SIZE, "two-levels");
    const chunkCount = Math.ceil(TWO_LEVEL_SIZE / CHUNK);

    it.skipIf(skipIpfsCidOracle)("has the CIDv0 that ipfs_cid computes", async () => {
      const added = await t.ipfs.add(bytes);
      expect(added.cid.toString()).toBe(await kuboCidV0(bytes, scratch));
      const top = await children(added.cid);
      expect(top).toHaveLength(2);
      expect(await children(top[0]!)).toHaveLength(MAX_LINKS);
      expect(await children(top[1]!)).toHaveLength(chunkCount - MAX_LINKS);
    });

    it("has 174-link nodes over raw leaves with CIDv1 and reads back identical", async () => {
      const added = await t.ipfs.add(bytes, { cidVersion: 1 });
      const top = await children(added.cid);
      expect(top).toHaveLength(2);
      expect(await children(top[0]!)).toHaveLength(MAX_LINKS);
      const expected = Array.from({ length: chunkCount }, (_, i) =>
        rawCid(bytes.subarray(i * CHUNK, (i + 1) * CHUNK)).toString(),
      );
      expect((await leaves(added.cid)).map(String)).toEqual(expected);
      expect(sha256Hex(await collect(t.ipfs.cat(added.cid)))).toBe(sha256Hex(bytes));
    });
  });
});
