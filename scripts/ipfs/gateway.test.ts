// The trustless gateway: raw blocks, CARs, files with safe content types, headers and error statuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CarReader } from "@ipld/car";
import * as dagPb from "@ipld/dag-pb";
import type { CID } from "multiformats/cid";
import { all, blockMatchesCid, pseudoRandomBytes, startTestNode, type TestNode } from "./testing.ts";

const CHUNK = 262_144;
const MISSING = "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH";
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pseudoRandomBytes(64, "png"),
]);

let t: TestNode;
let textCid: CID;
let bigCid: CID;
let big: Buffer;
let dirCid: CID;

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${t.node.gatewayUrl}${path}`, init);

async function addFile(content: string | Uint8Array): Promise<CID> {
  return (await t.ipfs.add(content)).cid;
}

beforeAll(async () => {
  t = await startTestNode();
  textCid = await addFile("hello world\n");
  big = pseudoRandomBytes(3 * CHUNK + 5, "gateway-big");
  bigCid = await addFile(big);
  const added = await all(
    t.ipfs.addAll(
      [
        { path: "shop/item.json", content: '{"title":"Lamp"}' },
        { path: "shop/photo.png", content: PNG },
        { path: "shop/a b.txt", content: "spaced\n" },
      ],
      { wrapWithDirectory: true },
    ),
  );
  dirCid = added.at(-1)!.cid;
});

afterAll(async () => {
  await t.cleanup();
});

/** Every block of a DAG, walked through the RPC API. */
async function dagBlocks(root: CID): Promise<string[]> {
  const out = [root.toString()];
  if (root.code !== dagPb.code) return out;
  for (const link of dagPb.decode(await t.ipfs.block.get(root)).Links) out.push(...(await dagBlocks(link.Hash)));
  return out;
}

async function readCar(res: Response): Promise<{ roots: string[]; blocks: Array<{ cid: CID; bytes: Uint8Array }> }> {
  const reader = await CarReader.fromBytes(new Uint8Array(await res.arrayBuffer()));
  const blocks: Array<{ cid: CID; bytes: Uint8Array }> = [];
  for await (const block of reader.blocks()) blocks.push(block);
  return { roots: (await reader.getRoots()).map(String), blocks };
}

describe("plain responses", () => {
  it("serves file bytes with a sniffed type and the security and caching headers", async () => {
    const res = await get(`/ipfs/${textCid}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("hello world\n");
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    );
    expect(res.headers.get("cache-control")).toBe("public, max-age=29030400, immutable");
    expect(res.headers.get("etag")).toBe(`"${textCid}"`);
    expect(res.headers.get("content-length")).toBe("12");
  });

  it("recognises JSON and images, and serves HTML and SVG as plain text", async () => {
    const cases: Array<[string | Uint8Array, string]> = [
      ['{"title":"Lamp","tags":["a"]}', "application/json"],
      [PNG, "image/png"],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "image/jpeg"],
      ["<html><body><script>alert(1)</script></body></html>", "text/plain; charset=utf-8"],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "text/plain; charset=utf-8"],
      [Buffer.from([0, 1, 2, 3, 4, 5]), "application/octet-stream"],
    ];
    for (const [content, type] of cases) {
      const res = await get(`/ipfs/${await addFile(content)}`);
      expect(res.headers.get("content-type"), String(content)).toBe(type);
      await res.arrayBuffer();
    }
  });

  it("streams a multi-chunk file and sniffs it from its head", async () => {
    const res = await get(`/ipfs/${bigCid}`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-length")).toBe(String(big.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
  });

  it("serves byte ranges", async () => {
    const res = await get(`/ipfs/${bigCid}`, { headers: { Range: `bytes=${CHUNK - 2}-${CHUNK + 1}` } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${CHUNK - 2}-${CHUNK + 1}/${big.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(big.subarray(CHUNK - 2, CHUNK + 2))).toBe(true);
    const suffix = await get(`/ipfs/${textCid}`, { headers: { Range: "bytes=-6" } });
    expect(await suffix.text()).toBe("world\n");
    const beyond = await get(`/ipfs/${textCid}`, { headers: { Range: "bytes=100-" } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */12");
  });

  it("answers HEAD with the headers only and If-None-Match with 304", async () => {
    const head = await get(`/ipfs/${textCid}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("12");
    expect(head.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await head.text()).toBe("");
    const cached = await get(`/ipfs/${textCid}`, { headers: { "If-None-Match": `"${textCid}"` } });
    expect(cached.status).toBe(304);
  });

  it("resolves paths inside directories and lists directories as JSON", async () => {
    const item = await get(`/ipfs/${dirCid}/shop/item.json`);
    expect(item.headers.get("content-type")).toBe("application/json");
    expect(await item.json()).toEqual({ title: "Lamp" });
    expect(await (await get(`/ipfs/${dirCid}/shop/a%20b.txt`)).text()).toBe("spaced\n");
    const photo = await get(`/ipfs/${dirCid}/shop/photo.png`);
    expect(photo.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await photo.arrayBuffer()).equals(PNG)).toBe(true);

    const listing = await get(`/ipfs/${dirCid}/shop`);
    expect(listing.headers.get("content-type")).toBe("application/json");
    const body = (await listing.json()) as { Entries: Array<{ Name: string }> };
    expect(body.Entries.map((e) => e.Name).sort()).toEqual(["a b.txt", "item.json", "photo.png"]);
  });
});

describe("raw blocks", () => {
  it("serves the single block for Accept: application/vnd.ipld.raw and ?format=raw", async () => {
    const expected = await t.ipfs.block.get(bigCid);
    for (const res of [
      await get(`/ipfs/${bigCid}`, { headers: { Accept: "application/vnd.ipld.raw" } }),
      await get(`/ipfs/${bigCid}?format=raw`),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.ipld.raw");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
      expect(blockMatchesCid(bigCid, bytes)).toBe(true);
    }
  });

  it("serves the block a path points to", async () => {
    const res = await get(`/ipfs/${dirCid}/shop/item.json?format=raw`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const itemCid = (await t.ipfs.add('{"title":"Lamp"}', { onlyHash: true })).cid;
    expect(blockMatchesCid(itemCid, bytes)).toBe(true);
  });
});

describe("CAR", () => {
  it("serves the whole DAG with the CID as root, every block hashing to its CID", async () => {
    for (const res of [
      await get(`/ipfs/${bigCid}`, { headers: { Accept: "application/vnd.ipld.car" } }),
      await get(`/ipfs/${bigCid}?format=car`),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.ipld.car; version=1");
      const car = await readCar(res);
      expect(car.roots).toEqual([bigCid.toString()]);
      for (const block of car.blocks) expect(blockMatchesCid(block.cid, block.bytes)).toBe(true);
      // Depth-first, root first, each block once: 1 root + 4 leaves.
      expect(car.blocks.map((b) => b.cid.toString())).toEqual(await dagBlocks(bigCid));
      expect(car.blocks).toHaveLength(5);
    }
  });

  it("includes the blocks of the path, and dag-scope=block stops at the terminal block", async () => {
    const car = await readCar(await get(`/ipfs/${dirCid}/shop/photo.png?format=car`));
    expect(car.roots).toEqual([dirCid.toString()]);
    const cids = car.blocks.map((b) => b.cid.toString());
    expect(cids[0]).toBe(dirCid.toString());
    expect(cids).toHaveLength(3); // wrapper, shop, photo.png
    for (const block of car.blocks) expect(blockMatchesCid(block.cid, block.bytes)).toBe(true);

    const one = await readCar(await get(`/ipfs/${bigCid}?format=car&dag-scope=block`));
    expect(one.blocks.map((b) => b.cid.toString())).toEqual([bigCid.toString()]);
  });
});

describe("errors", () => {
  it("answers 400 for malformed CIDs and unsupported formats", async () => {
    for (const path of ["/ipfs/not-a-cid", "/ipfs/Qm123", `/ipfs/${textCid}?format=tar`]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      await res.text();
    }
  });

  it("answers 404 for content it does not have, in every format, without caching", async () => {
    for (const suffix of ["", "?format=raw", "?format=car"]) {
      const res = await get(`/ipfs/${MISSING}${suffix}`);
      expect(res.status, suffix).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("etag")).toBeNull();
      await res.text();
    }
    expect((await get(`/ipfs/${dirCid}/shop/nope.txt`)).status).toBe(404);
    expect((await get("/ipns/example.com")).status).toBe(404);
  });

  it("answers 405 to other methods", async () => {
    const res = await get(`/ipfs/${textCid}`, { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });
});
