/**
 * Uploads to the configured IPFS API (a local Kubo-compatible node, a Kubo node or a pinning service) with
 * kubo-rpc-client, loaded on demand. Every upload is checked: the CID the node returns must be the CID of the bytes
 * sent, computed here, so a node cannot make a listing point at other content.
 */
import { MAX_RAW_BLOCK_BYTES, rawCidOf } from "@souk/sdk/cid";
import type { input, ZodType } from "zod";

import { env } from "../app/env.ts";

export class UploadError extends Error {
  override name = "UploadError";
}

let client: Promise<{ add(data: Uint8Array, options: object): Promise<{ cid: { toString(): string } }> }> | undefined;

function ipfsClient() {
  client ??= import("kubo-rpc-client").then(({ create }) => create({ url: env.ipfsApiUrl }));
  return client;
}

/** Stores bytes as one raw block (CIDv1) and returns its verified CID. Bytes must fit in one 256 KiB block. */
export async function uploadBytes(bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
  if (bytes.byteLength > MAX_RAW_BLOCK_BYTES) {
    throw new UploadError(`The file is ${Math.ceil(bytes.byteLength / 1024)} KiB; at most ${MAX_RAW_BLOCK_BYTES / 1024} KiB can be stored.`);
  }
  const expected = await rawCidOf(bytes);
  let returned: string;
  try {
    const result = await (await ipfsClient()).add(bytes, { cidVersion: 1, rawLeaves: true, pin: true, signal });
    returned = result.cid.toString();
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new UploadError(
      `The IPFS node at ${env.ipfsApiUrl} could not store the file. Check that it is running and try again.`,
    );
  }
  if (returned !== expected) {
    throw new UploadError(`The IPFS node returned ${returned} for content whose CID is ${expected}. Nothing was published.`);
  }
  return expected;
}

/** Validates a document with its schema, uploads it, and returns the digest to record on chain. */
export async function uploadDocument<S extends ZodType>(
  schema: S,
  document: input<S>,
  signal?: AbortSignal,
): Promise<{ cid: string; digest: `0x${string}` }> {
  const { encodeDocument } = await import("@souk/sdk/schemas");
  const { cidToDigest } = await import("@souk/sdk/cid");
  const cid = await uploadBytes(encodeDocument(schema, document), signal);
  return { cid, digest: cidToDigest(cid) };
}
