// `add` through kubo-rpc-client: options, Kubo's output lines, pinning, only-hash, bad arguments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dagPb from "@ipld/dag-pb";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { all, pseudoRandomBytes, rawCid, rpc, startTestNode, type TestNode } from "./testing.ts";

const HELLO = "hello world\n";
const HELLO_V0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
const HELLO_V1 = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
/** CIDv1 without raw leaves: the CIDv0 DAG with a v1 root (ipfs_cid prints it as its CIDv1). */
const HELLO_V1_DAG_PB = "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby";

let t: TestNode;

beforeAll(async () => {
  t = await startTestNode();
});

afterAll(async () => {
  await t.cleanup();
});

async function isPinned(cid: CID | string): Promise<boolean> {
  try {
    await all(t.ipfs.pin.ls({ paths: [CID.parse(cid.toString())] }));
    return true;
  } catch (err) {
    expect((err as Error).message).toMatch(/is not pinned/);
    return false;
  }
}

async function hasBlock(cid: CID | string): Promise<boolean> {
  try {
    await t.ipfs.block.stat(CID.parse(cid.toString()));
    return true;
  } catch (err) {
    expect((err as Error).message).toMatch(/not found locally/);
    return false;
  }
}

describe("add", () => {
  it("adds unnamed content with Kubo CIDv0 defaults, named by its CID, and pins it", async () => {
    const result = await t.ipfs.add(HELLO);
    expect(result.cid.toString()).toBe(HELLO_V0);
    expect(result.path).toBe(HELLO_V0);
    expect(result.size).toBe(20);
    expect(await isPinned(HELLO_V0)).toBe(true);
  });

  it("keeps the file name and answers Kubo NDJSON lines with string sizes", async () => {
    const form = new FormData();
    form.append("file", new Blob([HELLO]), "greeting.txt");
    const res = await rpc(t.node, "add", { body: form });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([{ Name: "greeting.txt", Hash: HELLO_V0, Size: "20" }]);
  });

  it("gives the Kubo CIDv1 with raw leaves for cid-version 1", async () => {
    const result = await t.ipfs.add({ path: "a.txt", content: HELLO }, { cidVersion: 1 });
    expect(result.cid.toString()).toBe(HELLO_V1);
    expect(result.size).toBe(12);
    expect(result.cid.equals(rawCid(Buffer.from(HELLO)))).toBe(true);
  });

  it("honours raw-leaves=false with cid-version 1 and raw-leaves=true with cid-version 0", async () => {
    const v1DagPb = await t.ipfs.add(HELLO, { cidVersion: 1, rawLeaves: false });
    expect(v1DagPb.cid.toString()).toBe(HELLO_V1_DAG_PB);
    // A single raw leaf is the file itself: Kubo gives the raw CIDv1 even when asked for CIDv0.
    const v0Raw = await t.ipfs.add(HELLO, { cidVersion: 0, rawLeaves: true });
    expect(v0Raw.cid.toString()).toBe(HELLO_V1);

    const bytes = pseudoRandomBytes(300_000, "raw-leaves-v0");
    const multi = await t.ipfs.add(bytes, { cidVersion: 0, rawLeaves: true });
    expect(multi.cid.version).toBe(0);
    const root = dagPb.decode(await t.ipfs.block.get(multi.cid));
    expect(root.Links.map((link) => link.Hash.toString())).toEqual([
      rawCid(bytes.subarray(0, 262_144)).toString(),
      rawCid(bytes.subarray(262_144)).toString(),
    ]);
  });

  it("adds several files in one request, one line per file, each pinned", async () => {
    const results = await all(
      t.ipfs.addAll([
        { path: "one.txt", content: "one\n" },
        { path: "two.txt", content: "two\n" },
      ]),
    );
    expect(results.map((r) => r.path)).toEqual(["one.txt", "two.txt"]);
    const [one, two] = await Promise.all([t.ipfs.add("one\n"), t.ipfs.add("two\n")]);
    expect(results.map((r) => r.cid.toString())).toEqual([one.cid.toString(), two.cid.toString()]);
    expect(await isPinned(results[0]!.cid)).toBe(true);
    expect(await isPinned(results[1]!.cid)).toBe(true);
  });

  it('wraps files in a directory named "" and pins only the wrapper', async () => {
    const results = await all(
      t.ipfs.addAll(
        [
          { path: "docs/a.txt", content: "a" },
          { path: "docs/b.txt", content: "b" },
        ],
        { wrapWithDirectory: true },
      ),
    );
    expect(results.map((r) => r.path)).toEqual(["docs/a.txt", "docs/b.txt", "docs", ""]);
    const wrapper = results[3]!.cid;
    expect(await all(t.ipfs.pin.ls({ paths: [wrapper], type: "recursive" }))).toEqual([
      { type: "recursive", cid: wrapper },
    ]);
    const docs = await all(t.ipfs.pin.ls({ paths: [results[2]!.cid] }));
    expect(docs[0]?.type).toBe(`indirect through ${wrapper}`);
    const text = Buffer.concat(await all(t.ipfs.cat(`${wrapper}/docs/b.txt`))).toString();
    expect(text).toBe("b");
  });

  it("stores but does not pin with pin=false", async () => {
    const result = await t.ipfs.add("not pinned\n", { pin: false });
    expect(await hasBlock(result.cid)).toBe(true);
    expect(await isPinned(result.cid)).toBe(false);
  });

  it("computes the CID without storing anything with only-hash", async () => {
    const content = "only hash, never stored\n";
    const hashed = await t.ipfs.add(content, { onlyHash: true });
    expect(await hasBlock(hashed.cid)).toBe(false);
    expect(await isPinned(hashed.cid)).toBe(false);
    const stored = await t.ipfs.add(content);
    expect(stored.cid.toString()).toBe(hashed.cid.toString());
    expect(await hasBlock(stored.cid)).toBe(true);
  });

  it("reports progress when asked", async () => {
    const seen: Array<[number, string | undefined]> = [];
    await t.ipfs.add(
      { path: "p.bin", content: pseudoRandomBytes(1000, "progress") },
      {
        progress: (bytes: number, name?: string) => seen.push([bytes, name]),
      },
    );
    expect(seen).toEqual([[1000, "p.bin"]]);
  });

  it("accepts the block of a CIDv1 raw upload as raw codec", async () => {
    const result = await t.ipfs.add("raw codec\n", { cidVersion: 1 });
    expect(result.cid.code).toBe(raw.code);
  });

  it("rejects bad options and bodies with 400 and a Kubo error body", async () => {
    const form = (): FormData => {
      const f = new FormData();
      f.append("file", new Blob(["x"]), "x.txt");
      return f;
    };
    for (const query of ["cid-version=2", "chunker=rabin", "hash=blake3", "trickle=true", "pin=maybe", "mtime=5"]) {
      const res = await rpc(t.node, `add?${query}`, { body: form() });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { Message: string; Code: number; Type: string };
      expect(body.Type).toBe("error");
      expect(body.Code).toBe(1);
      expect(body.Message.length).toBeGreaterThan(0);
    }
    await expect(t.ipfs.add({ path: "m.txt", content: "m", mode: 0o644 })).rejects.toThrow("mode and mtime");
    await expect(t.ipfs.add({ path: "t.txt", content: "t", mtime: { secs: 1n } })).rejects.toThrow("mode and mtime");
    const notMultipart = await rpc(t.node, "add", { body: "plain", headers: { "content-type": "text/plain" } });
    expect(notMultipart.status).toBe(400);
    const empty = await rpc(t.node, "add", { body: new FormData() });
    expect(empty.status).toBe(400);
  });

  it("supports a custom fixed-size chunker", async () => {
    const bytes = pseudoRandomBytes(2500, "chunker");
    const result = await t.ipfs.add(bytes, { chunker: "size-1000", cidVersion: 1 });
    const root = dagPb.decode(await t.ipfs.block.get(result.cid));
    expect(root.Links.map((l) => l.Hash.toString())).toEqual([
      rawCid(bytes.subarray(0, 1000)).toString(),
      rawCid(bytes.subarray(1000, 2000)).toString(),
      rawCid(bytes.subarray(2000)).toString(),
    ]);
  });
});
