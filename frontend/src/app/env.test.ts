import { describe, expect, it } from "vitest";

import { parseEnv } from "./env.ts";

const problemsOf = (raw: Record<string, unknown>) => {
  const result = parseEnv(raw);
  return result.ok ? [] : result.problems;
};

describe("parseEnv", () => {
  it("defaults to the local stack", () => {
    expect(parseEnv({})).toEqual({
      ok: true,
      env: {
        chainId: 31337,
        rpcUrl: "http://127.0.0.1:8545",
        ipfsApiUrl: "http://127.0.0.1:5001/api/v0",
        gateways: ["http://127.0.0.1:8080"],
        walletConnectProjectId: undefined,
        explorerUrl: undefined,
        relays: ["ws://127.0.0.1:7777"],
      },
    });
  });

  it("accepts http and https URLs, and a comma-separated list of gateways", () => {
    const result = parseEnv({
      VITE_RPC_URL: "https://sepolia.example.org/v1",
      VITE_IPFS_API_URL: "https://ipfs.example.org/api/v0",
      VITE_IPFS_GATEWAYS: "https://a.example.org/, http://127.0.0.1:8080",
      VITE_EXPLORER_URL: "https://sepolia.etherscan.io",
    });
    expect(result).toMatchObject({ ok: true, env: { gateways: ["https://a.example.org", "http://127.0.0.1:8080"] } });
  });

  it.each([
    ["VITE_RPC_URL", "javascript:alert(1)"],
    ["VITE_RPC_URL", "ws://127.0.0.1:8545"],
    ["VITE_IPFS_API_URL", "file:///etc/passwd"],
    ["VITE_IPFS_API_URL", "data:text/html,<script>alert(1)</script>"],
    ["VITE_EXPLORER_URL", "javascript:alert(document.cookie)"],
    ["VITE_EXPLORER_URL", "ftp://explorer.example.org"],
  ])("refuses %s=%s", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name}: must be an http(s) URL`]);
  });

  it.each(["http://relay.example.org", "javascript:alert(1)", "wss//missing-colon"])("refuses the relay %s (websockets only)", (relay) => {
    expect(problemsOf({ VITE_NOSTR_RELAYS: `wss://relay.example.org,${relay}` })).toEqual(["VITE_NOSTR_RELAYS.1: must be a ws(s):// URL"]);
  });

  it("refuses a gateway list with one non-http(s) entry, naming its position", () => {
    expect(problemsOf({ VITE_IPFS_GATEWAYS: "https://a.example.org,javascript:alert(1)" })).toEqual([
      "VITE_IPFS_GATEWAYS.1: must be an http(s) URL",
    ]);
  });
});
