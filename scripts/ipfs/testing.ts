// Helpers for the Vitest suites of the IPFS node (not used by the service itself).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { create, type KuboRPCClient } from "kubo-rpc-client";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { create as createDigest } from "multiformats/hashes/digest";
import { sha256 } from "multiformats/hashes/sha2";
import { startIpfsNode, type IpfsNode, type IpfsNodeOptions } from "./node.ts";

export interface TestNode {
  node: IpfsNode;
  ipfs: KuboRPCClient;
  dataDir: string;
  /** Stops the node and deletes its data folder. */
  cleanup(): Promise<void>;
}

export async function tempDir(prefix = "souk-ipfs-test-"): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function startTestNode(options: IpfsNodeOptions = {}): Promise<TestNode> {
  const dataDir = options.dataDir ?? (await tempDir());
  const node = await startIpfsNode({ apiPort: 0, gatewayPort: 0, ...options, dataDir });
  return {
    node,
    ipfs: create({ url: node.apiUrl }),
    dataDir,
    async cleanup() {
      await node.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/** Deterministic pseudo-random bytes (SHA-256 in counter mode): reproducible CIDs across runs. */
export function pseudoRandomBytes(length: number, seed: string): Buffer {
  const out = Buffer.alloc(length);
  for (let offset = 0, counter = 0; offset < length; counter++) {
    const block = createHash("sha256").update(`${seed}:${counter}`).digest();
    offset += block.copy(out, offset);
  }
  return out;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** The CIDv1 of a raw block, computed without the code under test. */
export function rawCid(bytes: Uint8Array): CID {
  return CID.create(1, raw.code, createDigest(sha256.code, createHash("sha256").update(bytes).digest()));
}

/** True when a block's bytes hash to the digest in its CID (sha2-256 only). */
export function blockMatchesCid(cid: CID, bytes: Uint8Array): boolean {
  if (cid.multihash.code !== sha256.code) return false;
  return Buffer.from(cid.multihash.digest).equals(createHash("sha256").update(bytes).digest());
}

export const hasIpfsCid = spawnSync("ipfs_cid", ["/dev/null"], { stdio: "ignore" }).error === undefined;
/**
 * The oracle tests run when Debian's ipfs_cid is installed, and always in CI (CI=true), where a missing oracle must
 * fail the run instead of quietly skipping the comparison (.ci/run installs the package).
 */
export const skipIpfsCidOracle = !hasIpfsCid && process.env.CI !== "true";

/** Kubo's CIDv0 of a file, from Debian's independent ipfs_cid tool. */
export async function kuboCidV0(bytes: Uint8Array, dir: string): Promise<string> {
  const file = path.join(dir, `ipfs-cid-input-${process.pid}-${Date.now()}`);
  await writeFile(file, bytes);
  try {
    const result = spawnSync("ipfs_cid", [file], { encoding: "utf8" });
    if (result.error !== undefined) {
      throw new Error("Debian's ipfs_cid is not installed (apt-get install ipfs-cid): the CID oracle cannot run.");
    }
    if (result.status !== 0) throw new Error(`ipfs_cid failed: ${result.stderr}`);
    return (JSON.parse(result.stdout) as { CIDv0: string }).CIDv0;
  } finally {
    await rm(file, { force: true });
  }
}

/** Number of block files on disk: what an upload really left behind. */
export async function countBlockFiles(dataDir: string): Promise<number> {
  const entries = await readdir(path.join(dataDir, "blocks"), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".data")).length;
}

/** POSTs to the RPC API without kubo-rpc-client (for error cases and wire-format checks). */
export async function rpc(node: IpfsNode, command: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${node.apiUrl}/${command}`, { method: "POST", ...init });
}
