/**
 * The market the indexer's tests run against: a real local chain, the embedded IPFS node, the contracts deployed
 * through Ignition and the seeded demo market (all on free loopback ports, in a temporary folder), and one
 * PostgreSQL + indexer per database target.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { Deployment } from "../../scripts/export-sdk.ts";
import { startIpfsNode, type IpfsNode } from "../../scripts/ipfs/node.ts";
import { startChain, type LocalChain } from "../../scripts/local/chain.ts";
import { startIndexer, waitForIndex, type LocalIndexer } from "../../scripts/local/indexer.ts";
import { freePort } from "../../scripts/local/ports.ts";
import { startPostgres, type PostgresServer } from "../../scripts/local/postgres.ts";
import { devAccount, ROLES } from "../../scripts/local/accounts.ts";
import type { SeedSummary } from "../../scripts/seed/seed.ts";
import { marketWriter, type MarketWriter } from "../../scripts/local/market-writer.ts";

export const CHAIN_ID = 31337;
export const APP_ORIGIN = "http://127.0.0.1:5173";

export interface TestMarket {
  dir: string;
  chain: LocalChain;
  ipfs: IpfsNode;
  deployment: Deployment;
  seed: SeedSummary;
  writer: MarketWriter;
  stop(): Promise<void>;
}

export async function startTestMarket(): Promise<TestMarket> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "souk-indexer-"));
  // Read by scripts/local/deploy.ts when it is first imported: this run's deployment and bindings stay in `dir`.
  process.env.SOUK_IGNITION_DIR = path.join(dir, "ignition");
  process.env.SOUK_SDK_OUT = path.join(dir, "sdk");
  const chain = await startChain({ port: await freePort(), chainId: CHAIN_ID });
  const ipfs = await startIpfsNode({ dataDir: path.join(dir, "ipfs"), apiPort: 0, gatewayPort: 0, allowedOrigins: [], fresh: true });
  const { deployLocal } = await import("../../scripts/local/deploy.ts");
  const deployment = await deployLocal({ rpcUrl: chain.url, chainId: CHAIN_ID, feeRecipient: devAccount(ROLES.deployer).address });
  const { seedMarket } = await import("../../scripts/seed/seed.ts");
  const seed = await seedMarket({ rpcUrl: chain.url, chainId: CHAIN_ID, ipfsApiUrl: ipfs.apiUrl, deployment });
  const writer = marketWriter({ rpcUrl: chain.url, ipfsApiUrl: ipfs.apiUrl, chainId: CHAIN_ID, market: deployment });
  return {
    dir,
    chain,
    ipfs,
    deployment,
    seed,
    writer,
    async stop() {
      await ipfs.stop();
      await chain.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Target {
  name: string;
  postgres: PostgresServer;
  indexer: LocalIndexer;
  stop(): Promise<void>;
}

/** A PostgreSQL server from `binDir` (default: the npm-installed one) and an indexer on it, caught up. */
export async function startTarget(market: TestMarket, name: string, binDir?: string): Promise<Target> {
  const postgres = await startPostgres({
    dir: path.join(market.dir, name),
    port: await freePort(),
    ...(binDir === undefined ? {} : { binDir }),
    freshDatabase: true,
    durable: false,
  });
  const indexer = await startIndexer({
    port: await freePort(),
    databaseUrl: postgres.url,
    rpcUrl: market.chain.url,
    chainId: CHAIN_ID,
    gatewayUrls: [market.ipfs.gatewayUrl],
    corsOrigins: [APP_ORIGIN],
    sdkOut: process.env.SOUK_SDK_OUT!,
    documentRetryMs: 300,
  }).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  await waitForIndex(indexer);
  return {
    name,
    postgres,
    indexer,
    async stop() {
      await indexer.stop();
      await postgres.stop();
    },
  };
}

/**
 * Debian's PostgreSQL binaries (package `postgresql`, version 15 or newer), or a clear error: CI installs the
 * package, and this suite must run against it rather than skip.
 */
export function debianPostgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v) && Number(v) >= 15 && existsSync(path.join(root, v, "bin", "initdb")))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) {
    throw new Error(
      "Debian's PostgreSQL (15 or newer) is not installed: the indexer's tests run against it as a second database. " +
        "Install it with `apt-get install -y postgresql` (.ci/run does).",
    );
  }
  return path.join(root, newest, "bin");
}
