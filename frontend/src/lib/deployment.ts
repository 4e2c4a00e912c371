import { getDeployment, type DeploymentRecord } from "@souk/sdk/contracts";
import type { Address } from "viem";

import { env } from "../app/env.ts";

export interface Contracts {
  escrow: Address;
  registry: Address;
  reputation: Address;
  deployBlock: bigint;
  record: DeploymentRecord;
}

/** The marketplace's contracts on the configured chain, or undefined when Souk is not deployed there. */
export const contracts: Contracts | undefined = (() => {
  const record = getDeployment(env.chainId);
  if (record === undefined) return undefined;
  return {
    escrow: record.escrow as Address,
    registry: record.registry as Address,
    reputation: record.reputation as Address,
    deployBlock: BigInt(record.deployBlock),
    record,
  };
})();

/** The contracts, for code that only runs once the app checked they exist (see app/layout.tsx). */
export function requireContracts(): Contracts {
  if (contracts === undefined) throw new Error(`Souk is not deployed on chain ${env.chainId}.`);
  return contracts;
}
