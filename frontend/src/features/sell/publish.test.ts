import { listingRegistryAbi } from "@souk/sdk/contracts";
import type { ListingMetadataInput } from "@souk/sdk/schemas";
import type { Hex, TransactionReceipt } from "viem";
import { describe, expect, it, vi } from "vitest";

import { eventLog } from "../../test/event-log.ts";
import type { ImageItem } from "./image-items.ts";
import { createdListingId, PublishError, stepLabel, updatedVersion, uploadListingContent, type PublishStep, type Uploader } from "./publish.ts";

const DOCUMENT: ListingMetadataInput = { schema: "souk.listing/1", title: "Lamp", description: "", category: "Other", images: [] };
const DIGEST: Hex = `0x${"ab".repeat(32)}`;
const REGISTRY = "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be" as const;

const ready = (cid: string, name = `${cid}.webp`): ImageItem => ({
  key: cid,
  kind: "ready",
  name,
  bytes: new Uint8Array([1, 2, 3]),
  type: "image/webp",
  width: 10,
  height: 10,
  cid,
  previewUrl: "blob:x",
  alt: "",
});
const published: ImageItem = { key: "old", kind: "published", name: "Picture 1", cid: "old", type: "image/webp", alt: "" };

function uploader(cids: string[]): Uploader & { bytes: ReturnType<typeof vi.fn>; document: ReturnType<typeof vi.fn> } {
  const queue = [...cids];
  const bytes = vi.fn(async () => queue.shift()!);
  const document = vi.fn(async () => ({ cid: "doc", digest: DIGEST }));
  return { uploadBytes: bytes, uploadDocument: document, bytes, document };
}

describe("uploadListingContent", () => {
  it("uploads new pictures in order, skips published ones, then the document, reporting each step", async () => {
    const steps: PublishStep[] = [];
    const up = uploader(["a", "b"]);
    const digest = await uploadListingContent([ready("a"), published, ready("b")], DOCUMENT, up, new Set(), (s) => steps.push(s));
    expect(digest).toBe(DIGEST);
    expect(up.bytes).toHaveBeenCalledTimes(2);
    expect(up.document).toHaveBeenCalledWith(DOCUMENT);
    expect(steps).toEqual([{ kind: "images", done: 1, total: 2 }, { kind: "images", done: 2, total: 2 }, { kind: "metadata" }]);
    expect(steps.map(stepLabel)).toEqual(["Uploading pictures 1/2", "Uploading pictures 2/2", "Publishing the description"]);
  });

  it("does not upload again what a failed attempt already stored", async () => {
    const uploaded = new Set<string>();
    const failing: Uploader = {
      uploadBytes: vi.fn().mockResolvedValueOnce("a").mockRejectedValueOnce(new Error("IPFS down")),
      uploadDocument: vi.fn(),
    };
    await expect(uploadListingContent([ready("a"), ready("b")], DOCUMENT, failing, uploaded, () => {})).rejects.toThrow("IPFS down");
    expect([...uploaded]).toEqual(["a"]);

    const retry = uploader(["b"]);
    const steps: PublishStep[] = [];
    await uploadListingContent([ready("a"), ready("b")], DOCUMENT, retry, uploaded, (s) => steps.push(s));
    expect(retry.bytes).toHaveBeenCalledTimes(1);
    expect(steps[0]).toEqual({ kind: "images", done: 2, total: 2 });
  });

  it("stops when a picture comes back under another CID", async () => {
    const up = uploader(["something-else"]);
    await expect(uploadListingContent([ready("a", "lamp.jpg")], DOCUMENT, up, new Set(), () => {})).rejects.toThrow(PublishError);
    expect(up.document).not.toHaveBeenCalled();
  });
});

function registryLog(eventName: "ListingCreated" | "ListingUpdated", args: Record<string, unknown>, address: Hex = REGISTRY): TransactionReceipt["logs"][number] {
  return eventLog(listingRegistryAbi, eventName, args, { address });
}

describe("reading the receipt", () => {
  it("finds the new listing's id in the registry's ListingCreated event", () => {
    const log = registryLog("ListingCreated", {
      listingId: 42n,
      seller: "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec",
      token: "0x0000000000000000000000000000000000000000",
      price: 1n,
      stock: 1n,
      arbiter: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
      arbiterFeeBps: 100n,
      fulfillmentWindow: 3_600n,
      confirmationWindow: 3_600n,
      metadataDigest: DIGEST,
      version: 1n,
    });
    expect(createdListingId({ logs: [log] }, REGISTRY)).toBe(42n);
    expect(createdListingId({ logs: [{ ...log, address: "0x0000000000000000000000000000000000000001" }] }, REGISTRY)).toBeUndefined();
    expect(createdListingId({ logs: [] }, REGISTRY)).toBeUndefined();
  });

  it("finds the version an update produced", () => {
    const log = registryLog("ListingUpdated", { listingId: 7n, version: 3n, price: 5n, stock: 2n, stockDelta: -1n, metadataDigest: DIGEST });
    expect(updatedVersion({ logs: [log] }, REGISTRY)).toBe(3n);
  });
});
