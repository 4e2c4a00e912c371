import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { startStack } from "../../scripts/local/stack.ts";
import { STACK_FILE, type Stack } from "./stack.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * Starts the whole stack once for the run with the same orchestrator as `npm start` (fresh IPFS store, seeded
 * market, production build of the dApp) on free loopback ports, and records where everything is.
 */
export default async function globalSetup(): Promise<void> {
  // Everything this run writes lives in its own folder, so that runs (and `npm start`) never collide. Its own process
  // group: teardown signals the whole group, children included, whatever state it is in.
  const local = await startStack({ runDir: path.join(ROOT, ".souk", `e2e-${process.pid}`), detached: true });
  const { deployment } = local;
  const stack: Stack = {
    appUrl: local.appUrl,
    rpcUrl: local.rpcUrl,
    ipfsApiUrl: local.ipfsApiUrl,
    gatewayUrl: local.gatewayUrl,
    indexerUrl: local.indexerUrl,
    relayUrl: local.relayUrl,
    relayDataDir: path.join(local.runDir, "relay"),
    chainId: 31337,
    escrow: deployment.escrow as `0x${string}`,
    registry: deployment.registry as `0x${string}`,
    reputation: deployment.reputation as `0x${string}`,
    tokens: deployment.tokens.map((t) => ({ address: t.address as `0x${string}`, symbol: t.symbol, decimals: t.decimals, permit: t.permit })),
    pid: local.run.child.pid!,
    dataDir: local.runDir,
  };
  await mkdir(path.dirname(STACK_FILE), { recursive: true });
  await writeFile(STACK_FILE, JSON.stringify(stack, null, 2));
  await writeFile(path.join(path.dirname(STACK_FILE), "stack.log"), local.run.output());
  // Keep stdout drained so the orchestrator never blocks on a full pipe.
  local.run.child.stdout?.resume();
  local.run.child.stderr?.resume();
  local.run.child.unref();
}
