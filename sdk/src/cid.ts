/**
 * Content identifiers and verification. Souk stores the sha2-256 digest of a document on chain; the document is one
 * raw IPFS block, so its CIDv1 (codec raw 0x55, multihash sha2-256) follows from the digest alone. Bytes fetched
 * from any gateway are hashed and compared before anything else looks at them.
 */
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { create as createDigest } from "multiformats/hashes/digest";
import { sha256 } from "multiformats/hashes/sha2";
import { bytesToHex, hexToBytes, type Hex } from "viem";

const DAG_PB = 0x70;

/** The largest document Souk stores as a single raw block (Kubo's chunk size). */
export const MAX_RAW_BLOCK_BYTES = 256 * 1024;

export class CidError extends Error {
  override name = "CidError";
}

/** CIDv1 (raw, sha2-256) of a document from its on-chain digest (`0x` + 64 hex digits). */
export function digestToCid(digest: Hex): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(digest)) throw new CidError(`Not a sha2-256 digest: ${digest}`);
  if (/^0x0{64}$/.test(digest)) throw new CidError("The empty digest points at no document");
  return CID.createV1(raw.code, createDigest(sha256.code, hexToBytes(digest))).toString();
}

/** The on-chain digest of a raw sha2-256 CID (`bafkrei...`). Other CIDs cannot be stored on chain. */
export function cidToDigest(cid: string): Hex {
  const parsed = parseCid(cid);
  if (parsed.version !== 1 || parsed.code !== raw.code || parsed.multihash.code !== sha256.code) {
    throw new CidError(`Only raw sha2-256 CIDv1 can be recorded on chain, not ${cid}`);
  }
  return bytesToHex(parsed.multihash.digest);
}

/** Parses a CID string, with a readable error. */
export function parseCid(cid: string): CID {
  try {
    return CID.parse(cid.trim());
  } catch {
    throw new CidError(`Not a valid CID: ${cid}`);
  }
}

/** sha2-256 digest of bytes, as the contracts store it. */
export async function digestOf(bytes: Uint8Array): Promise<Hex> {
  return bytesToHex((await sha256.digest(bytes)).digest);
}

/** CIDv1 of bytes stored as one raw block, the way Souk and `ipfs add --cid-version 1` (under 256 KiB) store it. */
export async function rawCidOf(bytes: Uint8Array): Promise<string> {
  return CID.createV1(raw.code, await sha256.digest(bytes)).toString();
}

/**
 * True when `bytes` is exactly the block `cid` names: a raw or dag-pb block hashed with sha2-256. For a raw block
 * this proves the bytes are the document itself.
 */
export async function verifyBlock(cid: string | CID, bytes: Uint8Array): Promise<boolean> {
  const parsed = typeof cid === "string" ? parseCid(cid) : cid;
  if (parsed.multihash.code !== sha256.code) return false;
  if (parsed.code !== raw.code && parsed.code !== DAG_PB) return false;
  const actual = await sha256.digest(bytes);
  return equalBytes(actual.digest, parsed.multihash.digest);
}

export function isRawCid(cid: string): boolean {
  try {
    const parsed = parseCid(cid);
    return parsed.version === 1 && parsed.code === raw.code && parsed.multihash.code === sha256.code;
  } catch {
    return false;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
