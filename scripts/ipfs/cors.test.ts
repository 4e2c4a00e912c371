// CORS on both ports: configured origins only, preflights included; other origins get no CORS headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestNode, type TestNode } from "./testing.ts";

const DAPP = "http://127.0.0.1:5173";
const EVIL = "http://evil.example";

let t: TestNode;
let custom: TestNode;
let cid: string;

beforeAll(async () => {
  t = await startTestNode();
  custom = await startTestNode({ allowedOrigins: ["https://shop.example:8443"] });
  cid = (await t.ipfs.add("cors\n")).cid.toString();
});

afterAll(async () => {
  await t.cleanup();
  await custom.cleanup();
});

const preflight = (url: string, origin: string, method: string): Promise<Response> =>
  fetch(url, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": method,
      "Access-Control-Request-Headers": "content-type",
    },
  });

describe("API CORS", () => {
  it("answers preflights from the dApp origins", async () => {
    for (const origin of [DAPP, "http://localhost:5173"]) {
      const res = await preflight(`${t.node.apiUrl}/add`, origin, "POST");
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-methods")).toBe("POST");
      expect(res.headers.get("access-control-allow-headers")).toBe("content-type");
      expect(res.headers.get("vary")).toContain("Origin");
    }
  });

  it("allows POSTs from the dApp origin and exposes the streaming headers", async () => {
    const res = await fetch(`${t.node.apiUrl}/version`, { method: "POST", headers: { Origin: DAPP } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(DAPP);
    expect(res.headers.get("access-control-expose-headers")).toContain("X-Stream-Output");
  });

  it("refuses other origins without CORS headers, for preflights and for simple POSTs", async () => {
    const pre = await preflight(`${t.node.apiUrl}/add`, EVIL, "POST");
    expect(pre.status).toBe(403);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    // A cross-site HTML form needs no preflight: the API itself must refuse it.
    const form = new FormData();
    form.append("file", new Blob(["planted"]), "x.txt");
    const post = await fetch(`${t.node.apiUrl}/add`, { method: "POST", headers: { Origin: EVIL }, body: form });
    expect(post.status).toBe(403);
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await post.json()) as { Message: string }).Message).toContain(EVIL);
  });

  it("refuses preflights for methods other than POST", async () => {
    const res = await preflight(`${t.node.apiUrl}/add`, DAPP, "DELETE");
    expect(res.status).toBe(403);
  });
});

describe("gateway CORS", () => {
  it("adds CORS headers for the dApp origin", async () => {
    const res = await fetch(`${t.node.gatewayUrl}/ipfs/${cid}`, { headers: { Origin: DAPP } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(DAPP);
    expect(res.headers.get("access-control-expose-headers")).toContain("Content-Range");
    await res.text();
  });

  it("serves other origins without CORS headers", async () => {
    const res = await fetch(`${t.node.gatewayUrl}/ipfs/${cid}`, { headers: { Origin: EVIL } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    await res.text();
  });

  it("answers preflights (e.g. for Range requests) from allowed origins only", async () => {
    const ok = await preflight(`${t.node.gatewayUrl}/ipfs/${cid}`, DAPP, "GET");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
    const refused = await preflight(`${t.node.gatewayUrl}/ipfs/${cid}`, EVIL, "GET");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("configured origins", () => {
  it("replace the defaults", async () => {
    const allowed = await preflight(`${custom.node.apiUrl}/add`, "https://shop.example:8443", "POST");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://shop.example:8443");
    const dapp = await preflight(`${custom.node.apiUrl}/add`, DAPP, "POST");
    expect(dapp.status).toBe(403);
  });
});
