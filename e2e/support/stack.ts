import { readFileSync } from "node:fs";
import path from "node:path";

export interface Stack {
  appUrl: string;
  rpcUrl: string;
  ipfsApiUrl: string;
  gatewayUrl: string;
  /** The indexer's HTTP API (the dApp is built with it as VITE_INDEXER_URL). */
  indexerUrl: string;
  /** The Nostr relay (WebSocket URL) and the folder of its SQLite store. */
  relayUrl: string;
  relayDataDir: string;
  chainId: number;
  escrow: `0x${string}`;
  registry: `0x${string}`;
  reputation: `0x${string}`;
  tokens: Array<{ address: `0x${string}`; symbol: string; decimals: number; permit: boolean }>;
  pid: number;
  /** This run's folder (IPFS store, deployment files, build), removed at teardown. */
  dataDir: string;
}

/** This run's stack (see playwright.config.ts: one id per run). */
export const STACK_FILE = path.resolve(
  import.meta.dirname,
  "..",
  "artifacts",
  `run-${process.env.SOUK_E2E_RUN ?? "default"}`,
  "stack.json",
);

/** The stack global-setup started, as the tests see it. */
export function readStack(): Stack {
  return JSON.parse(readFileSync(STACK_FILE, "utf8")) as Stack;
}
