import { existsSync } from "node:fs";
import path from "node:path";

import { startProcess, waitUntil, type ManagedProcess } from "./processes.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const FRONTEND = path.join(ROOT, "frontend");
const VITE = path.join(ROOT, "node_modules", "vite", "bin", "vite.js");

/** The dApp's settings, passed to Vite as VITE_* variables (validated by the app at start-up). */
export interface AppEnv {
  chainId: number;
  rpcUrl: string;
  ipfsApiUrl: string;
  gatewayUrls: string[];
  /** The indexer's HTTP API; without it the dApp reads the chain only. */
  indexerUrl?: string;
  /** Nostr relays for profiles and messages (a message goes to all of them). */
  relayUrls: string[];
}

export function appEnvVars(env: AppEnv): Record<string, string> {
  return {
    VITE_CHAIN_ID: String(env.chainId),
    VITE_RPC_URL: env.rpcUrl,
    VITE_IPFS_API_URL: env.ipfsApiUrl,
    VITE_IPFS_GATEWAYS: env.gatewayUrls.join(","),
    ...(env.indexerUrl === undefined ? {} : { VITE_INDEXER_URL: env.indexerUrl }),
    VITE_NOSTR_RELAYS: env.relayUrls.join(","),
  };
}

export function hasFrontend(): boolean {
  return existsSync(path.join(FRONTEND, "vite.config.ts"));
}

/** Builds the dApp for production with the given settings (`vite build`), as a deployment would. */
export async function buildApp(env: AppEnv, outDir: string): Promise<void> {
  const child = startProcess("build", process.execPath, [VITE, "build", "--logLevel", "warn", "--outDir", outDir, "--emptyOutDir"], {
    cwd: FRONTEND,
    env: { ...process.env, ...appEnvVars(env) },
  });
  const code = await new Promise<number | null>((resolve) => child.child.once("exit", resolve));
  if (code !== 0) throw new Error(`vite build failed:\n${child.output()}`);
}

/** Serves the production build with `vite preview` on 127.0.0.1. */
export async function startPreviewServer(port: number, outDir: string): Promise<{ url: string; process: ManagedProcess }> {
  const child = startProcess("preview", process.execPath, [VITE, "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort", "--outDir", outDir], {
    cwd: FRONTEND,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil("The dApp's preview server", async () => (await fetch(url)).ok, { process: child, timeoutMs: 60_000 });
  return { url, process: child };
}

/** Starts Vite's dev server for the dApp on 127.0.0.1. */
export async function startDevServer(port: number, env: AppEnv): Promise<{ url: string; process: ManagedProcess }> {
  const child = startProcess("app", process.execPath, [VITE, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], {
    cwd: FRONTEND,
    env: { ...process.env, ...appEnvVars(env), BROWSER: "none" },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil("The dApp's dev server", async () => (await fetch(url)).ok, { process: child, timeoutMs: 60_000 });
  return { url, process: child };
}
