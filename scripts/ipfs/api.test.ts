// cat, block, pin, version and id through kubo-rpc-client, and the RPC API's error responses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dagPb from "@ipld/dag-pb";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { all, blockMatchesCid, collect, pseudoRandomBytes, rpc, startTestNode, type TestNode } from "./testing.ts";

const CHUNK = 262_144;
const MISSING = "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"; // the empty file, never added here

let t: TestNode;
let big: Buffer;
let bigCid: CID;
let dirCid: CID;

beforeAll(async () => {
  t = await startTestNode();
  big = pseudoRandomBytes(2 * CHUNK + 1000, "cat");
  bigCid = (await t.ipfs.add(big)).cid;
  const added = await all(
    t.ipfs.addAll(
      [
        { path: "site/readme.txt", content: "read me\n" },
        { path: "site/data/n.json", content: '{"n":1}' },
      ],
      { wrapWithDirectory: true },
    ),
  );
  dirCid = added.at(-1)!.cid;
});

afterAll(async () => {
  await t.cleanup();
});

async function kuboError(res: Response): Promise<{ Message: string; Code: number; Type: string }> {
  expect(res.headers.get("content-type")).toBe("application/json");
  const body = (await res.json()) as { Message: string; Code: number; Type: string };
  expect(body.Type).toBe("error");
  return body;
}

describe("cat", () => {
  it("returns a whole multi-chunk file", async () => {
    expect((await collect(t.ipfs.cat(bigCid))).equals(big)).toBe(true);
  });

  it("honours offset and length, across chunk boundaries", async () => {
    const slice = await collect(t.ipfs.cat(bigCid, { offset: CHUNK - 10, length: 30 }));
    expect(slice.equals(big.subarray(CHUNK - 10, CHUNK + 20))).toBe(true);
    const tail = await collect(t.ipfs.cat(bigCid, { offset: 2 * CHUNK + 900 }));
    expect(tail.equals(big.subarray(2 * CHUNK + 900))).toBe(true);
    const clipped = await collect(t.ipfs.cat(bigCid, { offset: big.length - 5, length: 100 }));
    expect(clipped.equals(big.subarray(big.length - 5))).toBe(true);
  });

  it("reads raw-codec and identity CIDs", async () => {
    const { cid } = await t.ipfs.add("raw leaf\n", { cidVersion: 1 });
    expect(cid.code).toBe(raw.code);
    expect((await collect(t.ipfs.cat(cid))).toString()).toBe("raw leaf\n");
    const inline = CID.create(1, raw.code, identity.digest(Buffer.from("inline")));
    expect((await collect(t.ipfs.cat(inline))).toString()).toBe("inline");
  });

  it("resolves CID/path and /ipfs/CID/path", async () => {
    expect((await collect(t.ipfs.cat(`${dirCid}/site/readme.txt`))).toString()).toBe("read me\n");
    expect((await collect(t.ipfs.cat(`/ipfs/${dirCid}/site/data/n.json`))).toString()).toBe('{"n":1}');
  });

  it("fails like Kubo for directories, missing content and bad offsets", async () => {
    await expect(collect(t.ipfs.cat(dirCid))).rejects.toThrow("this dag node is a directory");
    await expect(collect(t.ipfs.cat(MISSING))).rejects.toThrow(`could not find ${MISSING}`);
    await expect(collect(t.ipfs.cat(`${dirCid}/nope.txt`))).rejects.toThrow();
    await expect(collect(t.ipfs.cat(bigCid, { offset: big.length + 1 }))).rejects.toThrow("past the end");
    const negative = await rpc(t.node, `cat?arg=${bigCid}&offset=-1`);
    expect(negative.status).toBe(400);
  });
});

describe("block", () => {
  it("gets the raw bytes of a block, which hash to its CID", async () => {
    const bytes = await t.ipfs.block.get(bigCid);
    expect(blockMatchesCid(bigCid, bytes)).toBe(true);
  });

  it("stats a block with Kubo field names", async () => {
    const bytes = await t.ipfs.block.get(bigCid);
    expect(await t.ipfs.block.stat(bigCid)).toEqual({ cid: bigCid, size: bytes.byteLength });
    const res = await rpc(t.node, `block/stat?arg=${bigCid}`);
    expect(await res.json()).toEqual({ Key: bigCid.toString(), Size: bytes.byteLength });
  });

  it("fails for blocks it does not have", async () => {
    await expect(t.ipfs.block.get(CID.parse(MISSING))).rejects.toThrow("not found locally");
  });
});

describe("pin", () => {
  it("pins, lists with and without arguments, and unpins", async () => {
    const { cid } = await t.ipfs.add("pin me\n", { pin: false });
    await expect(all(t.ipfs.pin.ls({ paths: [cid] }))).rejects.toThrow("is not pinned");

    expect((await t.ipfs.pin.add(cid)).toString()).toBe(cid.toString());
    expect(await all(t.ipfs.pin.ls({ paths: [cid] }))).toEqual([{ type: "recursive", cid }]);
    const recursive = await all(t.ipfs.pin.ls({ type: "recursive" }));
    expect(recursive.map((p) => p.cid.toString())).toContain(cid.toString());
    expect(recursive.every((p) => p.type === "recursive")).toBe(true);

    // Pinning again is a no-op, as in Kubo.
    expect((await t.ipfs.pin.add(cid)).toString()).toBe(cid.toString());

    expect((await t.ipfs.pin.rm(cid)).toString()).toBe(cid.toString());
    await expect(all(t.ipfs.pin.ls({ paths: [cid] }))).rejects.toThrow("is not pinned");
    await expect(t.ipfs.pin.rm(cid)).rejects.toThrow("not pinned");
  });

  it("lists indirect pins and answers in Kubo JSON shape", async () => {
    const leaves = (await all(t.ipfs.pin.ls({ type: "indirect" }))).map((p) => p.cid.toString());
    const root = dagPb.decode(await t.ipfs.block.get(bigCid));
    for (const link of root.Links) expect(leaves).toContain(link.Hash.toString());

    const res = await rpc(t.node, `pin/ls?arg=${bigCid}`);
    expect(await res.json()).toEqual({ Keys: { [bigCid.toString()]: { Type: "recursive" } } });
    const stream = await rpc(t.node, `pin/ls?arg=${bigCid}&stream=true`);
    expect(JSON.parse(await stream.text())).toEqual({ Cid: bigCid.toString(), Type: "recursive" });
    const bad = await rpc(t.node, "pin/ls?type=sideways");
    expect(bad.status).toBe(400);
  });

  it("supports direct pins and upgrades them to recursive", async () => {
    const { cid } = await t.ipfs.add("direct\n", { pin: false });
    await t.ipfs.pin.add(cid, { recursive: false });
    expect(await all(t.ipfs.pin.ls({ paths: [cid] }))).toEqual([{ type: "direct", cid }]);
    expect((await all(t.ipfs.pin.ls({ type: "direct" }))).map((p) => p.cid.toString())).toContain(cid.toString());
    await t.ipfs.pin.add(cid);
    expect(await all(t.ipfs.pin.ls({ paths: [cid] }))).toEqual([{ type: "recursive", cid }]);
  });

  it("keeps pin names", async () => {
    const { cid } = await t.ipfs.add("named\n", { pin: false });
    await t.ipfs.pin.add(cid, { name: "listing-photo" });
    const pins = await all(t.ipfs.pin.ls({ paths: [cid], names: true }));
    expect(pins).toEqual([{ type: "recursive", cid, name: "listing-photo" }]);
  });

  it("refuses to pin content it does not have, and records nothing", async () => {
    await expect(t.ipfs.pin.add(CID.parse(MISSING))).rejects.toThrow("not found locally");
    await expect(all(t.ipfs.pin.ls({ paths: [CID.parse(MISSING)] }))).rejects.toThrow("is not pinned");
  });
});

describe("version and id", () => {
  it("says it is souk-ipfs", async () => {
    const version = await t.ipfs.version();
    expect(version.version).toMatch(/souk-ipfs/);
    expect(version).toHaveProperty("commit");
    expect(version).toHaveProperty("repo");
  });

  it("has a stable Ed25519-style peer ID and no addresses", async () => {
    const first = await t.ipfs.id();
    const second = await t.ipfs.id();
    expect(first.id.toString()).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]+$/);
    expect(second.id.toString()).toBe(first.id.toString());
    expect(first.addresses).toEqual([]);
    expect(first.agentVersion).toMatch(/^souk-ipfs\//);
  });
});

describe("RPC errors", () => {
  it("answers 400 with a Kubo error body for malformed CIDs and missing arguments", async () => {
    for (const command of ["cat?arg=not-a-cid", "block/get?arg=Qm123", "pin/add?arg=zzz", "cat"]) {
      const res = await rpc(t.node, command);
      expect(res.status, command).toBe(400);
      expect((await kuboError(res)).Code).toBe(1);
    }
  });

  it("answers 500 with a Kubo error body for content it does not have", async () => {
    const res = await rpc(t.node, `block/get?arg=${MISSING}`);
    expect(res.status).toBe(500);
    const body = await kuboError(res);
    expect(body).toEqual({
      Message: `block was not found locally (offline): ipld: could not find ${MISSING}`,
      Code: 0,
      Type: "error",
    });
  });

  it("accepts only POST", async () => {
    const res = await fetch(`${t.node.apiUrl}/version`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("POST");
    await kuboError(res);
  });

  it("answers 404 for unknown commands and paths", async () => {
    expect((await rpc(t.node, "swarm/peers")).status).toBe(404);
    expect((await fetch(t.node.apiUrl.replace("/api/v0", "/webui"), { method: "POST" })).status).toBe(404);
  });

  it("sends security headers on API responses", async () => {
    const res = await rpc(t.node, "version");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });
});
