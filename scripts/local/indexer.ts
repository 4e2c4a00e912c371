/**
 * The indexer for the local stack: `ponder start` (indexing, and Ponder's GraphQL/SQL server on an internal port)
 * and Souk's API server with the document fetcher (indexer/server/main.ts) on the public port, both on 127.0.0.1.
 * Ponder's telemetry is off. Resolves once the API answers; `waitForIndex` waits for the index to catch up.
 */
import path from "node:path";

import { freePort } from "./ports.ts";
import { startProcess, waitUntil, type ManagedProcess } from "./processes.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const INDEXER = path.join(ROOT, "indexer");
const RPC_LANES = 8;
const PONDER_BIN = path.join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");

export interface IndexerOptions {
  port: number;
  databaseUrl: string;
  rpcUrl: string;
  chainId: number;
  gatewayUrls: string[];
  corsOrigins: string[];
  /** Ponder's database schema. */
  schema?: string;
  /** How often Ponder polls the chain for new blocks (100 ms is its minimum). */
  pollingMs?: number;
  /** Where the SDK bindings were written, when not the SDK's own folder. */
  sdkOut?: string;
  /** First retry of an unavailable IPFS document (doubling after). */
  documentRetryMs?: number;
}

export interface LocalIndexer {
  url: string;
  ponderUrl: string;
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

export function indexerEnv(options: IndexerOptions, ponderPort: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    DATABASE_URL: options.databaseUrl,
    DATABASE_SCHEMA: options.schema ?? "souk",
    SOUK_CHAIN_ID: String(options.chainId),
    // Ponder's limiter starts every URL at 20 requests per second and ramps up slowly; the local node has no limit,
    // so it gets the node under several URLs (the node ignores the query string).
    SOUK_RPC_URL: Array.from({ length: RPC_LANES }, (_, lane) => `${options.rpcUrl}/?lane=${lane}`).join(","),
    SOUK_POLLING_MS: String(options.pollingMs ?? 200),
    SOUK_IPFS_GATEWAYS: options.gatewayUrls.join(","),
    SOUK_API_PORT: String(options.port),
    SOUK_API_HOST: "127.0.0.1",
    SOUK_PONDER_URL: `http://127.0.0.1:${ponderPort}`,
    SOUK_CORS_ORIGINS: options.corsOrigins.join(","),
    ...(options.sdkOut === undefined ? {} : { SOUK_SDK_OUT: options.sdkOut }),
    ...(options.documentRetryMs === undefined ? {} : { SOUK_DOCUMENT_RETRY_MS: String(options.documentRetryMs) }),
  };
}

export async function startIndexer(options: IndexerOptions): Promise<LocalIndexer> {
  const ponderPort = await freePort();
  const env = indexerEnv(options, ponderPort);
  // SOUK_INDEXER_LOG=info (or debug) shows what Ponder and the API do, prefixed, for troubleshooting.
  const logLevel = process.env.SOUK_INDEXER_LOG;
  const echo = logLevel !== undefined;
  const ponder = startProcess(
    "ponder",
    process.execPath,
    [PONDER_BIN, "--log-format", "json", "--log-level", logLevel ?? "warn", "start", "--schema", env.DATABASE_SCHEMA!, "--port", String(ponderPort), "--hostname", "127.0.0.1"],
    { cwd: INDEXER, env, echo },
  );
  const api = startProcess("api", process.execPath, ["--import", "tsx", path.join(INDEXER, "server", "main.ts")], { cwd: INDEXER, env, echo });
  const stop = async () => {
    await Promise.all([api.stop(), ponder.stop()]);
  };
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntil("The indexer's API", async () => (await fetch(`${url}/health`)).ok, { process: api, timeoutMs: 60_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, ponderUrl: `http://127.0.0.1:${ponderPort}`, processes: [ponder, api], stop };
}

/** Waits until the indexer has indexed `block` (or the chain's head when omitted) and finished its backfill. */
export async function waitForIndex(indexer: LocalIndexer, block?: number, timeoutMs = 120_000): Promise<void> {
  await waitUntil(
    "The indexer",
    async () => {
      const health = (await (await fetch(`${indexer.url}/health`)).json()) as { block: number | null; synced: boolean };
      return block === undefined ? health.synced : health.synced && health.block !== null && health.block >= block;
    },
    { process: indexer.processes[0]!, timeoutMs },
  );
}
