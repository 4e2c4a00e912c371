/**
 * Uploads to the configured IPFS API (a local Kubo-compatible node, a Kubo node or a pinning service) with
 * kubo-rpc-client, loaded on demand. Every upload is checked: the CID the node returns must be the CID of the bytes
 * sent, computed here, so a node cannot make a listing point at other content.
 */
import { addVerified, UploadMismatchError, UploadTooLargeError, type IpfsAdder } from "@souk/sdk/upload";
import type { input, ZodType } from "zod";

import { env } from "../app/env.ts";

export class UploadError extends Error {
  override name = "UploadError";
}

let client: Promise<IpfsAdder> | undefined;

function ipfsClient(): Promise<IpfsAdder> {
  client ??= import("kubo-rpc-client").then(({ create }) => create({ url: env.ipfsApiUrl }));
  return client;
}

/** Stores bytes as one raw block (CIDv1) and returns its verified CID. Bytes must fit in one 256 KiB block. */
export async function uploadBytes(bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
  try {
    return await addVerified(await ipfsClient(), bytes, { signal });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    if (error instanceof UploadMismatchError || error instanceof UploadTooLargeError) throw new UploadError(error.message);
    throw new UploadError(`The IPFS node at ${env.ipfsApiUrl} could not store the file. Check that it is running and try again.`);
  }
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
