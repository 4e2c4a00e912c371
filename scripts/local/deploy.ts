import { rm } from "node:fs/promises";
import path from "node:path";

import hre from "hardhat";

import DemoPriceFeedsModule from "../../ignition/modules/DemoPriceFeeds.ts";
import DemoTokensModule from "../../ignition/modules/DemoTokens.ts";
import SoukModule from "../../ignition/modules/Souk.ts";
import { exportSdk, readDeployments, type Deployment } from "../export-sdk.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** Where Ignition records deployments (SOUK_IGNITION_DIR moves it, for tests). */
export const DEPLOYMENTS_DIR = path.join(process.env.SOUK_IGNITION_DIR ?? path.join(ROOT, "ignition"), "deployments");
/** Where the SDK bindings are written (SOUK_SDK_OUT moves them, for tests). */
export const SDK_OUT = process.env.SOUK_SDK_OUT ?? path.join(ROOT, "sdk", "src", "generated");

/**
 * Deploys the marketplace, the demo tokens and demo price feeds to a fresh local chain through the Ignition modules (so the
 * deployment files look exactly like a testnet's), then regenerates the SDK bindings. A previous local deployment
 * of the same chain id is discarded: the chain it pointed at is gone.
 */
export async function deployLocal(options: {
  rpcUrl: string;
  chainId: number;
  feeRecipient: string;
  protocolFeeBps?: bigint;
}): Promise<Deployment> {
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  const deploymentId = `chain-${options.chainId}`;
  await rm(path.join(DEPLOYMENTS_DIR, deploymentId), { recursive: true, force: true });

  const connection = await hre.network.create({ network: "localhost", override: { url: options.rpcUrl } });
  try {
    await connection.ignition.deploy(SoukModule, {
      deploymentId,
      displayUi: false,
      parameters: {
        Souk: { feeRecipient: options.feeRecipient, protocolFeeBps: options.protocolFeeBps ?? 100n },
      },
    });
    await connection.ignition.deploy(DemoTokensModule, { deploymentId, displayUi: false });
    // Fixed demo rates behind Chainlink's feed interface, for the dApp's reference prices (local chains only).
    await connection.ignition.deploy(DemoPriceFeedsModule, { deploymentId, displayUi: false });
  } finally {
    await connection.close();
  }

  await exportSdk({
    deploymentsDir: DEPLOYMENTS_DIR,
    outDir: SDK_OUT,
    artifactsDir: path.join(ROOT, "artifacts"),
  });
  const deployment = (await readDeployments(DEPLOYMENTS_DIR)).find((d) => d.deploymentId === deploymentId);
  if (deployment === undefined) throw new Error(`The deployment files of ${deploymentId} are incomplete.`);
  return deployment;
}
