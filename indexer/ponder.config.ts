/**
 * Ponder's configuration, derived from the SDK's deployments: the chain to index (SOUK_CHAIN_ID), its RPC
 * (SOUK_RPC_URL) and, for that chain, the contracts' addresses and deploy block as `npm run generate` or a
 * deployment recorded them. No address is written here.
 */
import { createConfig } from "ponder";

import { escrowAbi, listingRegistryAbi, reputationAbi } from "@souk/sdk/contracts";

import { loadDeployment } from "./lib/deployment.ts";
import { readIndexerEnv } from "./lib/env.ts";

const env = readIndexerEnv(process.env);
const deployment = await loadDeployment(env.chainId, env.sdkGeneratedDir);

export default createConfig({
  database: { kind: "postgres", connectionString: env.databaseUrl, poolConfig: { max: env.poolSize } },
  ordering: "multichain",
  chains: {
    souk: { id: env.chainId, rpc: env.rpcUrls, pollingInterval: env.pollingMs, ethGetLogsBlockRange: env.logsBlockRange },
  },
  contracts: {
    ListingRegistry: { chain: "souk", abi: listingRegistryAbi, address: deployment.registry, startBlock: deployment.deployBlock },
    Escrow: { chain: "souk", abi: escrowAbi, address: deployment.escrow, startBlock: deployment.deployBlock },
    Reputation: { chain: "souk", abi: reputationAbi, address: deployment.reputation, startBlock: deployment.deployBlock },
  },
});
