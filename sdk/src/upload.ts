/**
 * Storing a document or an image on IPFS the way Souk records it: one raw block (CIDv1, sha2-256), pinned, and the
 * CID the node answers checked against the CID of the bytes sent, so that no node can make a listing point at other
 * content. Works with kubo-rpc-client against the embedded node, a Kubo node or a Kubo-compatible pinning service.
 */
import { MAX_RAW_BLOCK_BYTES, rawCidOf } from "./cid.ts";

/** The part of kubo-rpc-client's API this needs. */
export interface IpfsAdder {
  add(
    data: Uint8Array,
    options: { cidVersion: 1; rawLeaves: true; pin: boolean; chunker?: string; signal?: AbortSignal },
  ): Promise<{ cid: { toString(): string } }>;
}

export class UploadMismatchError extends Error {
  override name = "UploadMismatchError";
  constructor(
    readonly returned: string,
    readonly expected: string,
  ) {
    super(`The IPFS node returned ${returned} for content whose CID is ${expected}. Nothing was published.`);
  }
}

export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
  constructor(readonly bytes: number) {
    super(`The file is ${Math.ceil(bytes / 1024)} KiB; at most ${MAX_RAW_BLOCK_BYTES / 1024} KiB can be stored.`);
  }
}

/**
 * Adds `bytes` as one raw block and returns its CID once the node's answer matches the bytes. `chunker` is for
 * tests that make a node split a file on purpose (the answer then cannot match).
 */
export async function addVerified(
  ipfs: IpfsAdder,
  bytes: Uint8Array,
  options: { pin?: boolean; signal?: AbortSignal; chunker?: string } = {},
): Promise<string> {
  if (bytes.byteLength > MAX_RAW_BLOCK_BYTES && options.chunker === undefined) throw new UploadTooLargeError(bytes.byteLength);
  const expected = await rawCidOf(bytes);
  const { cid } = await ipfs.add(bytes, {
    cidVersion: 1,
    rawLeaves: true,
    pin: options.pin ?? true,
    ...(options.chunker === undefined ? {} : { chunker: options.chunker }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const returned = cid.toString();
  if (returned !== expected) throw new UploadMismatchError(returned, expected);
  return expected;
}
