/**
 * Deploys the governed marketplace (SoukTimelock owning Escrow and ListingRegistry, plus Reputation) to a network
 * from hardhat.config.ts through Hardhat Ignition, records the deployment under ignition/deployments/, and
 * regenerates the SDK bindings so that the dApp and the scripts pick up the addresses.
 *
 *   npm run deploy -- --network sepolia [--verify] [--demo-tokens] [--yes] [--deployment-id <id>]
 *
 * The RPC URL and the deployer's key come from Hardhat's keystore or environment variables (see the README);
 * per-network parameters from ignition/parameters/<network>.json. Re-running resumes or extends the same
 * deployment: Ignition skips what is already on chain.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { exportSdk, readDeployments } from "./export-sdk.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Ignition's folder: modules and deployments (SOUK_IGNITION_DIR moves it, for tests). */
const IGNITION = process.env.SOUK_IGNITION_DIR ?? path.join(ROOT, "ignition");
const HARDHAT = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");

const { values } = parseArgs({
  options: {
    network: { type: "string" },
    verify: { type: "boolean", default: false },
    "demo-tokens": { type: "boolean", default: false },
    yes: { type: "boolean", default: false },
    "deployment-id": { type: "string" },
    "sdk-out": { type: "string", default: process.env.SOUK_SDK_OUT ?? path.join(ROOT, "sdk", "src", "generated") },
  },
});

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

function hardhat(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HARDHAT, ...args], { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`hardhat ${args.slice(0, 2).join(" ")} exited with code ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const network = values.network;
  if (network === undefined || network === "") {
    fail("Choose a network: npm run deploy -- --network sepolia   (networks are defined in hardhat.config.ts)");
  }
  const parameters = path.join("ignition", "parameters", `${network}.json`);
  if (!existsSync(path.join(ROOT, parameters))) {
    fail(
      `No parameters for "${network}": create ${parameters} (copy ignition/parameters/sepolia.json and set the ` +
        "timelock delay, proposer, fee recipient and fee).",
    );
  }
  const env = { ...process.env };
  if (values.yes) env.HARDHAT_IGNITION_CONFIRM_DEPLOYMENT = "1";
  const idArgs = values["deployment-id"] === undefined ? [] : ["--deployment-id", values["deployment-id"]];

  console.log(`Deploying Souk to ${network} with ${parameters}…`);
  await hardhat(
    [
      "ignition",
      "deploy",
      path.join(IGNITION, "modules", "SoukGoverned.ts"),
      "--network",
      network,
      "--parameters",
      parameters,
      ...idArgs,
      ...(values.verify ? ["--verify"] : []),
    ],
    env,
  );
  if (values["demo-tokens"]) {
    console.log("Deploying the demo tokens (testnets only)…");
    await hardhat(
      ["ignition", "deploy", path.join(IGNITION, "modules", "DemoTokens.ts"), "--network", network, ...idArgs, ...(values.verify ? ["--verify"] : [])],
      env,
    );
  }

  const deploymentsDir = path.join(IGNITION, "deployments");
  const { chains } = await exportSdk({
    deploymentsDir,
    outDir: values["sdk-out"],
    artifactsDir: path.join(ROOT, "artifacts"),
  });
  const deployments = await readDeployments(deploymentsDir);
  const deployment =
    values["deployment-id"] === undefined
      ? deployments.find((d) => d.deploymentId.startsWith("chain-") && d.timelock !== null && chains.includes(d.chainId))
      : deployments.find((d) => d.deploymentId === values["deployment-id"]);
  if (deployment === undefined) fail("The deployment finished but its files could not be read back.");

  console.log(
    [
      "",
      `Souk is deployed on chain ${deployment.chainId} (deployment "${deployment.deploymentId}", block ${deployment.deployBlock}):`,
      `  Escrow          ${deployment.escrow}`,
      `  Registry        ${deployment.registry}`,
      `  Reputation      ${deployment.reputation}`,
      `  Timelock owner  ${deployment.timelock}`,
      ...deployment.tokens.map((t) => `  ${t.symbol.padEnd(16)}${t.address}`),
      "",
      `SDK bindings updated. Commit ignition/deployments/${deployment.deploymentId} so that everyone gets the addresses.`,
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
