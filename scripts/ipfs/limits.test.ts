// The per-request upload limit (413, nothing stored or pinned) and a rollback that spares shared blocks.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CID } from "multiformats/cid";
import {
  all,
  collect,
  countBlockFiles,
  pseudoRandomBytes,
  rawCid,
  rpc,
  startTestNode,
  type TestNode,
} from "./testing.ts";

/** 12 chunks: the importer writes chunks in batches of 10, so an oversize file has blocks on disk to roll back. */
const LIMIT = 3 * 1024 * 1024;
const CHUNK = 262_144;

let t: TestNode;

beforeAll(async () => {
  t = await startTestNode({ maxUploadBytes: LIMIT });
});

afterAll(async () => {
  await t.cleanup();
});

async function pinnedCids(): Promise<string[]> {
  return (await all(t.ipfs.pin.ls())).map((p) => p.cid.toString()).sort();
}

async function hasBlock(cid: CID): Promise<boolean> {
  return t.ipfs.block.stat(cid).then(
    () => true,
    () => false,
  );
}

describe("upload limit", () => {
  it("accepts an upload of exactly the limit", async () => {
    const bytes = pseudoRandomBytes(LIMIT, "exact");
    const { cid } = await t.ipfs.add(bytes);
    expect((await collect(t.ipfs.cat(cid))).equals(bytes)).toBe(true);
  });

  it("answers 413 to a larger streamed upload and stores or pins nothing of it", async () => {
    const bytes = pseudoRandomBytes(LIMIT + 1, "over-by-one");
    const blocksBefore = await countBlockFiles(t.dataDir);
    const pinsBefore = await pinnedCids();
    async function* stream(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < bytes.length; offset += 65_536) yield bytes.subarray(offset, offset + 65_536);
    }
    await expect(t.ipfs.add(stream(), { cidVersion: 1 })).rejects.toThrow(`limit of ${LIMIT} bytes`);
    // The first batch of chunks was hashed and written before the limit was hit: it must be gone.
    for (let i = 0; i < 12; i++) expect(await hasBlock(rawCid(bytes.subarray(i * CHUNK, (i + 1) * CHUNK)))).toBe(false);
    expect(await countBlockFiles(t.dataDir)).toBe(blocksBefore);
    expect(await pinnedCids()).toEqual(pinsBefore);
  });

  it("answers 413 with a Kubo error body to plain HTTP clients", async () => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(LIMIT + 10)]), "big.bin");
    const res = await rpc(t.node, "add", { body: form });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      Message: `upload exceeds the limit of ${LIMIT} bytes per request`,
      Code: 1,
      Type: "error",
    });
  });

  it("counts the limit per request: the files added before the limit was hit are rolled back", async () => {
    const blocksBefore = await countBlockFiles(t.dataDir);
    const pinsBefore = await pinnedCids();
    const first = pseudoRandomBytes(LIMIT - 100, "first-fits");
    await expect(
      all(
        t.ipfs.addAll([
          { path: "first.bin", content: first },
          { path: "second.bin", content: pseudoRandomBytes(200, "second-overflows") },
        ]),
      ),
    ).rejects.toThrow("limit");
    const firstCid = (await t.ipfs.add(first, { onlyHash: true })).cid;
    expect(await hasBlock(firstCid)).toBe(false);
    expect(await countBlockFiles(t.dataDir)).toBe(blocksBefore);
    expect(await pinnedCids()).toEqual(pinsBefore);
  });

  it("never deletes blocks that were already stored when an oversize upload shares them", async () => {
    const shared = pseudoRandomBytes(2 * CHUNK, "shared-head");
    const kept = await t.ipfs.add(shared, { cidVersion: 1 });
    const oversize = Buffer.concat([shared, pseudoRandomBytes(LIMIT, "tail")]);
    await expect(t.ipfs.add(oversize, { cidVersion: 1 })).rejects.toThrow("limit");
    expect((await collect(t.ipfs.cat(kept.cid))).equals(shared)).toBe(true);
    expect(await hasBlock(rawCid(shared.subarray(0, CHUNK)))).toBe(true);
  });

  it("rolls back an upload that the client aborts midway", async () => {
    const blocksBefore = await countBlockFiles(t.dataDir);
    const bytes = pseudoRandomBytes(12 * CHUNK, "aborted");
    const url = new URL(`${t.node.apiUrl}/add?cid-version=1`);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=souk" },
    });
    req.on("error", () => {
      // Expected: the request is destroyed below.
    });
    req.write(
      '--souk\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n' +
        "Content-Type: application/octet-stream\r\n\r\n",
    );
    req.write(bytes);
    // Wait until the first batch of chunks is on disk, then vanish without finishing the body.
    await vi.waitFor(async () => expect(await countBlockFiles(t.dataDir)).toBeGreaterThan(blocksBefore), {
      timeout: 10_000,
    });
    req.destroy();
    await vi.waitFor(async () => expect(await countBlockFiles(t.dataDir)).toBe(blocksBefore), { timeout: 10_000 });
    expect(await hasBlock(rawCid(bytes.subarray(0, CHUNK)))).toBe(false);
  });

  it("keeps serving after a rejected upload", async () => {
    const { cid } = await t.ipfs.add("still alive\n");
    expect((await collect(t.ipfs.cat(cid))).toString()).toBe("still alive\n");
    expect(CID.asCID(cid)).not.toBeNull();
  });
});
