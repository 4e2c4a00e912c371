import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

import { readDeployments } from "../../scripts/export-sdk.ts";
import { freePort } from "../../scripts/local/ports.ts";
import { STACK_FILE, type Stack } from "./stack.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * Starts the whole stack once for the run with the same orchestrator as `npm start` (fresh IPFS store, seeded
 * market, production build of the dApp) on free loopback ports, and records where everything is.
 */
export default async function globalSetup(): Promise<void> {
  const ports = {
    chain: await freePort(),
    api: await freePort(),
    gateway: await freePort(),
    relay: await freePort(),
    app: await freePort(),
    indexer: await freePort(),
  };
  // Everything this run writes lives in its own folder, so that runs (and `npm start`) never collide.
  const runDir = path.join(ROOT, ".souk", `e2e-${process.pid}`);
  const dataDir = path.join(runDir, "ipfs");
  const child = spawn(
    process.execPath,
    [
      "--import", "tsx", "scripts/start.ts",
      "--app", "preview",
      "--app-out", path.join(runDir, "dist"),
      "--fresh-ipfs",
      "--ipfs-data", dataDir,
      "--fresh-relay",
      "--relay-data", path.join(runDir, "relay"),
      "--relay-port", String(ports.relay),
      "--chain-port", String(ports.chain),
      "--ipfs-api-port", String(ports.api),
      "--gateway-port", String(ports.gateway),
      "--app-port", String(ports.app),
      "--indexer-port", String(ports.indexer),
      "--postgres-data", path.join(runDir, "postgres"),
    ],
    {
      cwd: ROOT,
      // Its own process group: teardown signals the whole group, children included, whatever state it is in.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, SOUK_IGNITION_DIR: path.join(runDir, "ignition") },
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The stack did not start in time:\n${output}`)), 240_000);
    const check = setInterval(() => {
      if (output.includes("Ctrl-C stops everything")) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 200);
    child.once("exit", (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`The stack exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners("exit");

  const deployment = (await readDeployments(path.join(runDir, "ignition", "deployments"))).find((d) => d.chainId === 31337);
  if (deployment === undefined) throw new Error("No local deployment recorded");
  const stack: Stack = {
    appUrl: `http://127.0.0.1:${ports.app}`,
    rpcUrl: `http://127.0.0.1:${ports.chain}`,
    ipfsApiUrl: `http://127.0.0.1:${ports.api}/api/v0`,
    gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
    indexerUrl: `http://127.0.0.1:${ports.indexer}`,
    relayUrl: `ws://127.0.0.1:${ports.relay}`,
    relayDataDir: path.join(runDir, "relay"),
    chainId: 31337,
    escrow: deployment.escrow as `0x${string}`,
    registry: deployment.registry as `0x${string}`,
    reputation: deployment.reputation as `0x${string}`,
    tokens: deployment.tokens.map((t) => ({ address: t.address as `0x${string}`, symbol: t.symbol, decimals: t.decimals, permit: t.permit })),
    pid: child.pid!,
    dataDir: runDir,
  };
  await mkdir(path.dirname(STACK_FILE), { recursive: true });
  await writeFile(STACK_FILE, JSON.stringify(stack, null, 2));
  await writeFile(path.join(path.dirname(STACK_FILE), "stack.log"), output);
  // Keep stdout drained so the orchestrator never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  child.unref();
}
