/**
 * The SDK's CID helpers agree with the IPFS node (and so with Kubo, which the node's own tests check): the CID the
 * dApp computes for bytes is the CID the node returns, a gateway's CAR of a multi-block file reassembles into the
 * file, and tampered content is refused.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { create } from "kubo-rpc-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startIpfsNode } from "../../scripts/ipfs/node.ts";
import { fileFromCar, FileTooLargeError } from "./car.ts";
import { cidToDigest, CidError, digestOf, rawCidOf, verifyBlock } from "./cid.ts";

describe("CID helpers against the IPFS node", () => {
  let node: Awaited<ReturnType<typeof startIpfsNode>>;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "souk-sdk-ipfs-"));
    node = await startIpfsNode({ dataDir: tmp, apiPort: 0, gatewayPort: 0 });
  });
  afterAll(async () => {
    await node.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  it("computes the CID the node returns for documents up to one block, and its on-chain digest", async () => {
    const client = create({ url: node.apiUrl });
    for (const size of [0, 1, 1_000, 256 * 1024]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + size) % 251);
      const { cid } = await client.add(bytes, { cidVersion: 1, rawLeaves: true });
      expect(cid.toString()).toBe(await rawCidOf(bytes));
      expect(cidToDigest(cid.toString())).toBe(await digestOf(bytes));
    }
  });

  it("verifies a raw block from the gateway and refuses other bytes", async () => {
    const client = create({ url: node.apiUrl });
    const bytes = new TextEncoder().encode('{"schema":"souk.review/1","text":"Lovely"}');
    const { cid } = await client.add(bytes, { cidVersion: 1, rawLeaves: true });
    const served = new Uint8Array(await (await fetch(`${node.gatewayUrl}/ipfs/${cid.toString()}?format=raw`)).arrayBuffer());
    expect(await verifyBlock(cid.toString(), served)).toBe(true);
    served[0] = served[0]! ^ 1;
    expect(await verifyBlock(cid.toString(), served)).toBe(false);
  });

  it("reassembles a multi-block file from the gateway's CAR, for CIDv1 and CIDv0, and refuses a tampered CAR", async () => {
    const client = create({ url: node.apiUrl });
    const file = new Uint8Array(700 * 1024).map((_, i) => (i * 7) % 256);
    for (const cidVersion of [1, 0] as const) {
      const { cid } = await client.add(file, { cidVersion, rawLeaves: cidVersion === 1 });
      const car = new Uint8Array(await (await fetch(`${node.gatewayUrl}/ipfs/${cid.toString()}?format=car`)).arrayBuffer());
      expect(await fileFromCar(cid.toString(), car)).toEqual(file);
      const tampered = car.slice();
      tampered[tampered.length - 10] = tampered[tampered.length - 10]! ^ 0xff;
      await expect(fileFromCar(cid.toString(), tampered)).rejects.toBeInstanceOf(CidError);
      await expect(fileFromCar(cid.toString(), car, { maxBytes: 100 * 1024 })).rejects.toBeInstanceOf(FileTooLargeError);
    }
  });
});
