/**
 * Putting a listing's content on IPFS before its transaction: the new pictures first, then the metadata document
 * that names them. Uploads are injected (lib/upload.ts in the app, fakes in tests); each returns a CID checked
 * against the bytes sent, so the digest recorded on chain is the digest of what the seller saw.
 */
import { listingRegistryAbi } from "@souk/sdk/contracts";
import type { ListingMetadataInput } from "@souk/sdk/schemas";
import { parseEventLogs, type Address, type Hex, type TransactionReceipt } from "viem";

import type { ImageItem } from "./image-items.ts";

export type PublishStep =
  | { kind: "images"; done: number; total: number }
  | { kind: "metadata" }
  | { kind: "wallet" };

export interface Uploader {
  uploadBytes(bytes: Uint8Array): Promise<string>;
  uploadDocument(document: ListingMetadataInput): Promise<{ cid: string; digest: Hex }>;
}

export class PublishError extends Error {
  override name = "PublishError";
}

/**
 * Uploads the pictures not uploaded yet (`uploaded` remembers CIDs across retries, so a retry after a failure does
 * not send them again), then the document. Returns the document's digest for the registry.
 */
export async function uploadListingContent(
  images: readonly ImageItem[],
  document: ListingMetadataInput,
  uploader: Uploader,
  uploaded: Set<string>,
  onStep: (step: PublishStep) => void,
): Promise<Hex> {
  const pending = images.filter(
    (image): image is Extract<ImageItem, { kind: "ready" }> => image.kind === "ready" && !uploaded.has(image.cid),
  );
  const total = images.filter((image) => image.kind === "ready").length;
  let done = total - pending.length;
  for (const image of pending) {
    onStep({ kind: "images", done: done + 1, total });
    const cid = await uploader.uploadBytes(image.bytes);
    if (cid !== image.cid) throw new PublishError(`${image.name} was stored under another CID. Nothing was published.`);
    uploaded.add(cid);
    done += 1;
  }
  onStep({ kind: "metadata" });
  const { digest } = await uploader.uploadDocument(document);
  return digest;
}

/** Plain words for a publishing step, as the progress list and screen readers announce it. */
export function stepLabel(step: PublishStep): string {
  switch (step.kind) {
    case "images":
      return `Uploading pictures ${step.done}/${step.total}`;
    case "metadata":
      return "Publishing the description";
    case "wallet":
      return "Confirm in your wallet";
  }
}

/** The id of the listing a createListing transaction created, from its ListingCreated event. */
export function createdListingId(receipt: Pick<TransactionReceipt, "logs">, registry: Address): bigint | undefined {
  const events = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingCreated" });
  const event = events.find((log) => log.address.toLowerCase() === registry.toLowerCase());
  return event?.args.listingId;
}

/** The version a listing has after an updateListing transaction, from its ListingUpdated event. */
export function updatedVersion(receipt: Pick<TransactionReceipt, "logs">, registry: Address): bigint | undefined {
  const events = parseEventLogs({ abi: listingRegistryAbi, logs: receipt.logs, eventName: "ListingUpdated" });
  return events.find((log) => log.address.toLowerCase() === registry.toLowerCase())?.args.version;
}
