import { createHash } from "node:crypto";

import { bytesToHex } from "viem";
import { describe, expect, it } from "vitest";

import { cidToDigest, CidError, digestOf, digestToCid, isRawCid, rawCidOf, verifyBlock } from "./cid.ts";

const HELLO = new TextEncoder().encode("hello world\n");
// `ipfs add --cid-version 1` of "hello world\n" (one raw block).
const HELLO_CID_V1 = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
const HELLO_DIGEST = `0x${createHash("sha256").update(HELLO).digest("hex")}` as const;

describe("CID helpers", () => {
  it("derive Kubo's CIDv1 of a raw block from its sha2-256 digest and back", async () => {
    expect(digestToCid(HELLO_DIGEST)).toBe(HELLO_CID_V1);
    expect(cidToDigest(HELLO_CID_V1)).toBe(HELLO_DIGEST);
    expect(await digestOf(HELLO)).toBe(HELLO_DIGEST);
    expect(await rawCidOf(HELLO)).toBe(HELLO_CID_V1);
  });

  it("verify bytes against a CID and refuse anything else", async () => {
    expect(await verifyBlock(HELLO_CID_V1, HELLO)).toBe(true);
    expect(await verifyBlock(HELLO_CID_V1, new TextEncoder().encode("hello world!\n"))).toBe(false);
    expect(await verifyBlock(HELLO_CID_V1, new Uint8Array())).toBe(false);
  });

  it("refuse CIDs that cannot be stored on chain, with a readable error", () => {
    // CIDv0 (dag-pb): the digest is of a protobuf node, not of the document.
    expect(() => cidToDigest("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")).toThrow(CidError);
    expect(() => cidToDigest("not a cid")).toThrow(/Not a valid CID/);
    expect(isRawCid(HELLO_CID_V1)).toBe(true);
    expect(isRawCid("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")).toBe(false);
  });

  it("refuse malformed and empty digests", () => {
    expect(() => digestToCid("0x1234")).toThrow(/Not a sha2-256 digest/);
    expect(() => digestToCid(bytesToHex(new Uint8Array(32)))).toThrow(/empty digest/);
  });
});
