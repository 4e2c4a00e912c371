// @vitest-environment node
// Verified fetching: gateways tried in turn, bytes checked against the CID, limits enforced, and each failure typed
// so that the page can tell tampering from "too large" from "not there" from "no answer". Real HTTP servers on
// loopback stand in for gateways (one honest, one lying, one slow to say no).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { carOf, fileNode, rawBlock } from "@souk/sdk/car-builder";
import { rawCidOf } from "@souk/sdk/cid";
import { afterEach, describe, expect, it } from "vitest";

import { fetchVerified, IpfsError, retryIpfs } from "./ipfs.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];

async function gateway(handler: Handler): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

const serving = (bytes: Uint8Array, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { "content-type": "application/vnd.ipld.raw", ...headers });
  res.end(bytes);
};
const status = (code: number): Handler => (_req, res) => {
  res.writeHead(code);
  res.end();
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const DOCUMENT = new TextEncoder().encode('{"schema":"souk.review/1","text":"Lovely mug"}');

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return error instanceof IpfsError ? error.kind : `other: ${String(error)}`;
  }
}

describe("fetchVerified", () => {
  it("returns the bytes a gateway serves when they match the CID, asking for the raw block", async () => {
    const cid = await rawCidOf(DOCUMENT);
    const honest = await gateway(serving(DOCUMENT));
    expect(await fetchVerified(cid, { gateways: [honest.url] })).toEqual(DOCUMENT);
    expect(honest.requests).toEqual([`/ipfs/${cid}?format=raw`]);
  });

  it("skips a gateway that returns other bytes, a 404 or a 500, and takes the next one's verified bytes", async () => {
    const cid = await rawCidOf(DOCUMENT);
    const liar = await gateway(serving(new TextEncoder().encode('{"schema":"souk.review/1","text":"Buy elsewhere"}')));
    const missing = await gateway(status(404));
    const broken = await gateway(status(500));
    const honest = await gateway(serving(DOCUMENT));
    expect(await fetchVerified(cid, { gateways: [liar.url, missing.url, broken.url, honest.url] })).toEqual(DOCUMENT);
    expect(honest.requests).toHaveLength(1);
  });

  it("says 'could not be verified' when the only answers are other bytes, and never returns them", async () => {
    const cid = await rawCidOf(DOCUMENT);
    const liar = await gateway(serving(new Uint8Array([1, 2, 3])));
    const missing = await gateway(status(404));
    const error = await fetchVerified(cid, { gateways: [missing.url, liar.url] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpfsError);
    expect(error).toMatchObject({ kind: "unverified", message: expect.stringMatching(/could not be verified/) });
    expect(retryIpfs(0, error as IpfsError)).toBe(false);
  });

  it("says 'too large' for content over the limit, whether the gateway declares its length or streams it", async () => {
    const big = new Uint8Array(70 * 1024).fill(7);
    const cid = await rawCidOf(big);
    const declared = await gateway(serving(big, { "content-length": String(big.length) }));
    const streamed = await gateway((_req, res) => {
      res.writeHead(200, { "content-type": "application/vnd.ipld.raw" });
      for (let i = 0; i < 70; i++) res.write(big.subarray(i * 1024, (i + 1) * 1024));
      res.end();
    });
    for (const g of [declared, streamed]) {
      const error = await fetchVerified(cid, { gateways: [g.url], maxBytes: 64 * 1024 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "too-large", message: expect.stringMatching(/larger than the 64 KB allowed/) });
      expect(retryIpfs(0, error as IpfsError)).toBe(false);
    }
    // The same bytes within the limit are fine.
    expect((await fetchVerified(cid, { gateways: [declared.url], maxBytes: 80 * 1024 })).length).toBe(big.length);
  });

  it("tells a multi-block file that is too large apart from a tampered one (CAR path)", async () => {
    const leaves = await Promise.all([1, 2, 3].map((n) => rawBlock(new Uint8Array(1024).fill(n))));
    const root = await fileNode(leaves, 1024);
    const car = await carOf(root, leaves);
    const carGateway = await gateway(serving(car, { "content-type": "application/vnd.ipld.car" }));

    expect((await fetchVerified(root.cid.toString(), { gateways: [carGateway.url] })).length).toBe(3 * 1024);
    expect(carGateway.requests[0]).toBe(`/ipfs/${root.cid.toString()}?format=car`);
    expect(await kindOf(fetchVerified(root.cid.toString(), { gateways: [carGateway.url], maxBytes: 2 * 1024 }))).toBe("too-large");
    const tampered = car.slice();
    tampered[tampered.length - 5] = tampered[tampered.length - 5]! ^ 0xff;
    const tamperedGateway = await gateway(serving(tampered));
    expect(await kindOf(fetchVerified(root.cid.toString(), { gateways: [tamperedGateway.url] }))).toBe("unverified");
  });

  it("says 'not found' when every gateway says 404, and 'unreachable' when one does not answer", async () => {
    const cid = await rawCidOf(DOCUMENT);
    const missing = await gateway(status(404));
    expect(await kindOf(fetchVerified(cid, { gateways: [missing.url] }))).toBe("not-found");
    const down = await gateway(status(404));
    const closedUrl = down.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(await kindOf(fetchVerified(cid, { gateways: [missing.url, closedUrl] }))).toBe("unreachable");
    expect(retryIpfs(0, new IpfsError("unreachable", "x"))).toBe(true);
  });

  it("refuses a string that is not a CID before asking anyone", async () => {
    const honest = await gateway(serving(DOCUMENT));
    expect(await kindOf(fetchVerified("not-a-cid", { gateways: [honest.url] }))).toBe("unverified");
    expect(honest.requests).toHaveLength(0);
  });

  it("lets the caller cancel", async () => {
    const cid = await rawCidOf(DOCUMENT);
    const slow = await gateway((_req, res) => setTimeout(() => serving(DOCUMENT)(_req, res), 2_000));
    const controller = new AbortController();
    const pending = fetchVerified(cid, { gateways: [slow.url], signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
