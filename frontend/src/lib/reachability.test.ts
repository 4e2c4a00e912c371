// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { EMPTY_CID, lastCheckFailed, PROBE_TIMEOUT_MS, probeGateways, probeIpfsApi, probeRpc } from "./reachability.ts";

/** A loopback server whose answer per path the tests choose: a status and body, or no answer at all (a hang). */
let server: Server;
let base: string;
const requests: string[] = [];
const routes: Record<string, { status: number; body?: string } | "hang"> = {
  "/rpc/ok": { status: 200, body: JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x2a" }) },
  "/rpc/error": { status: 200, body: JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: -32000, message: "header not found" } }) },
  "/rpc/502": { status: 502 },
  "/rpc/hang": "hang",
  [`/up/ipfs/${EMPTY_CID}`]: { status: 200, body: "" },
  [`/broken/ipfs/${EMPTY_CID}`]: { status: 504 },
  "/api-up/version": { status: 200, body: '{"Version":"0.30.0"}' },
  "/api-locked/version": { status: 401 },
  "/api-broken/version": { status: 503 },
};

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url!, "http://x").pathname;
    requests.push(`${request.method} ${request.url}`);
    const route = routes[path];
    if (route === "hang") return;
    response.writeHead(route?.status ?? 404).end(route?.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const signal = () => new AbortController().signal;

describe("probeRpc", () => {
  it("is satisfied by a block number, and by nothing else", async () => {
    await expect(probeRpc(`${base}/rpc/ok`, signal())).resolves.toBe(true);
    await expect(probeRpc(`${base}/rpc/error`, signal())).rejects.toThrow("header not found");
    await expect(probeRpc(`${base}/rpc/502`, signal())).rejects.toThrow("HTTP 502");
  });

  it("gives up on a node that accepts the request and never answers, after its own short timeout", async () => {
    const started = performance.now();
    await expect(probeRpc(`${base}/rpc/hang`, signal())).rejects.toThrow();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 50);
    expect(waited).toBeLessThan(PROBE_TIMEOUT_MS + 2_000);
  }, 10_000);
});

describe("probeGateways", () => {
  it("asks each gateway for the empty block and is satisfied when one answers", async () => {
    await expect(probeGateways([`${base}/broken`, `${base}/up`], signal())).resolves.toBe(true);
    expect(requests).toContain(`GET /up/ipfs/${EMPTY_CID}?format=raw`);
  });

  it("fails when none answers", async () => {
    await expect(probeGateways([`${base}/broken`, "http://127.0.0.1:9"], signal())).rejects.toThrow();
  });
});

describe("probeIpfsApi", () => {
  it("counts any answer below 500 (a service that wants a key is still there)", async () => {
    await expect(probeIpfsApi(`${base}/api-up`, signal())).resolves.toBe(true);
    await expect(probeIpfsApi(`${base}/api-locked`, signal())).resolves.toBe(true);
    expect(requests).toContain("POST /api-up/version");
  });

  it("fails on a server error or no answer", async () => {
    await expect(probeIpfsApi(`${base}/api-broken`, signal())).rejects.toThrow("HTTP 503");
    await expect(probeIpfsApi("http://127.0.0.1:9", signal())).rejects.toThrow();
  });
});

describe("lastCheckFailed", () => {
  it("is the outcome of the last settled check, whatever is being checked now", () => {
    expect(lastCheckFailed({ dataUpdatedAt: 0, errorUpdatedAt: 0 })).toBe(false);
    expect(lastCheckFailed({ dataUpdatedAt: 0, errorUpdatedAt: 1_000 })).toBe(true);
    expect(lastCheckFailed({ dataUpdatedAt: 2_000, errorUpdatedAt: 1_000 })).toBe(false);
    expect(lastCheckFailed({ dataUpdatedAt: 2_000, errorUpdatedAt: 3_000 })).toBe(true);
  });
});
