import path from "node:path";

import { startProcess, waitUntil, type ManagedProcess } from "./processes.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const HARDHAT_CLI = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");

export interface LocalChain {
  url: string;
  chainId: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Sends one JSON-RPC request. */
export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/**
 * Starts a Hardhat node (EDR) on 127.0.0.1 with 20 funded, unlocked accounts. Run with the Node that runs this
 * script (Node 22: the npm scripts put node_modules/.bin first on PATH).
 */
export async function startChain(options: { port: number; chainId?: number }): Promise<LocalChain> {
  const chainId = options.chainId ?? 31337;
  const args = [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", String(options.port)];
  if (chainId !== 31337) args.push("--chain-id", String(chainId));
  const child = startProcess("chain", process.execPath, args, { cwd: ROOT });
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntil(
    "The local chain",
    async () => Number.parseInt(await rpc<string>(url, "eth_chainId"), 16) === chainId,
    { process: child, timeoutMs: 60_000 },
  );
  return { url, chainId, process: child, stop: () => child.stop() };
}
