import path from "node:path";
import { pathToFileURL } from "node:url";

import { getDeployment, type DeploymentRecord } from "@souk/sdk/contracts";
import type { Address } from "viem";

export interface IndexedDeployment {
  registry: Address;
  escrow: Address;
  reputation: Address;
  deployBlock: number;
  tokens: DeploymentRecord["tokens"];
}

/**
 * The deployment on `chainId` from the SDK's generated bindings (or from `generatedDir`, a folder written by
 * scripts/export-sdk.ts elsewhere, for tests). Refuses a chain without a deployment.
 */
export async function loadDeployment(chainId: number, generatedDir?: string): Promise<IndexedDeployment> {
  let record: DeploymentRecord | undefined;
  if (generatedDir === undefined) {
    record = getDeployment(chainId);
  } else {
    const module = (await import(pathToFileURL(path.resolve(generatedDir, "deployments.ts")).href)) as {
      deployments: Record<number, DeploymentRecord>;
    };
    record = module.deployments[chainId];
  }
  if (record === undefined) {
    throw new Error(
      `Souk has no deployment on chain ${chainId} in the SDK's bindings${generatedDir === undefined ? "" : ` (${generatedDir})`}: ` +
        "deploy it (npm start or npm run deploy) or choose another SOUK_CHAIN_ID.",
    );
  }
  return {
    registry: record.registry as Address,
    escrow: record.escrow as Address,
    reputation: record.reputation as Address,
    deployBlock: record.deployBlock,
    tokens: record.tokens,
  };
}
