/**
 * Starting the whole local stack from a test or a benchmark: `scripts/start.ts` (the orchestrator behind `npm start`)
 * in a child process on free loopback ports, with everything it writes in a folder of its own, waiting for its
 * banner. The browser tests, the dApp benchmark, the bundle measurement and the `npm start` test all start it here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";

import { readDeployments, type Deployment } from "../export-sdk.ts";
import { freePort } from "./ports.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** What start.ts prints once everything is up. */
export const READY_BANNER = "Ctrl-C stops everything";

export interface StartRun {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  /** Resolves once `text` was printed; rejects when the orchestrator exits first or the time is up. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
}

/**
 * Runs start.ts with `args`. `detached` puts it in its own process group, so that a signal to the group reaches it
 * and every child (the browser tests' teardown runs in another process).
 */
export function runStart(args: readonly string[], options: { env?: NodeJS.ProcessEnv; detached?: boolean } = {}): StartRun {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...args], {
    cwd: ROOT,
    detached: options.detached ?? false,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = async (text: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(text)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`start.ts exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`"${text}" not printed in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  return { child, output: () => output, exited, waitFor };
}

export interface StackOptions {
  /** The folder for everything the run writes (IPFS store, Ignition deployment, the dApp's build). */
  runDir: string;
  /** dApp: the production build behind `vite preview` (default), the dev server, or none. */
  app?: "preview" | "dev" | "none";
  /** The demo market (default: yes). */
  seed?: boolean;
  /** PostgreSQL and the indexer (default: yes); without them the dApp reads the chain only. */
  indexer?: boolean;
  detached?: boolean;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface LocalStack {
  run: StartRun;
  ports: { chain: number; api: number; gateway: number; relay: number; app: number; indexer: number };
  rpcUrl: string;
  ipfsApiUrl: string;
  gatewayUrl: string;
  /** The Nostr relay (websocket). */
  relayUrl: string;
  /** The indexer's HTTP API. */
  indexerUrl: string;
  appUrl: string;
  runDir: string;
  /** The local deployment (chain 31337) the orchestrator recorded. */
  deployment: Deployment;
  /** Stops it as Ctrl-C would and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts chain, IPFS node, Nostr relay, PostgreSQL and the indexer, contracts (and the demo market and the dApp, as asked) on free ports, with
 * fresh stores in `runDir`; waits until ready.
 */
export async function startStack(options: StackOptions): Promise<LocalStack> {
  const ports = {
    chain: await freePort(),
    api: await freePort(),
    gateway: await freePort(),
    relay: await freePort(),
    app: await freePort(),
    indexer: await freePort(),
  };
  const app = options.app ?? "preview";
  const args = [
    "--app", app,
    "--app-out", path.join(options.runDir, "dist"),
    "--fresh-ipfs",
    "--ipfs-data", path.join(options.runDir, "ipfs"),
    "--fresh-relay",
    "--relay-data", path.join(options.runDir, "relay"),
    "--relay-port", String(ports.relay),
    "--chain-port", String(ports.chain),
    "--ipfs-api-port", String(ports.api),
    "--gateway-port", String(ports.gateway),
    "--app-port", String(ports.app),
    "--indexer-port", String(ports.indexer),
    "--postgres-data", path.join(options.runDir, "postgres"),
  ];
  if (options.seed === false) args.push("--no-seed");
  if (options.indexer === false) args.push("--no-indexer");
  const run = runStart(args, {
    detached: options.detached,
    env: { ...options.env, SOUK_IGNITION_DIR: path.join(options.runDir, "ignition") },
  });
  const stop = async () => {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      if (options.detached === true && run.child.pid !== undefined) process.kill(-run.child.pid, "SIGINT");
      else run.child.kill("SIGINT");
      await run.exited;
    }
    await rm(options.runDir, { recursive: true, force: true });
  };
  try {
    await run.waitFor(READY_BANNER, options.timeoutMs ?? 240_000);
    const deployment = (await readDeployments(path.join(options.runDir, "ignition", "deployments"))).find((d) => d.chainId === 31337);
    if (deployment === undefined) throw new Error(`No local deployment recorded:\n${run.output()}`);
    return {
      run,
      ports,
      rpcUrl: `http://127.0.0.1:${ports.chain}`,
      ipfsApiUrl: `http://127.0.0.1:${ports.api}/api/v0`,
      gatewayUrl: `http://127.0.0.1:${ports.gateway}`,
      relayUrl: `ws://127.0.0.1:${ports.relay}`,
      indexerUrl: `http://127.0.0.1:${ports.indexer}`,
      appUrl: `http://127.0.0.1:${ports.app}`,
      runDir: options.runDir,
      deployment,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
