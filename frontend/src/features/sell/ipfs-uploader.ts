import { decodeError, type DecodedError } from "@souk/sdk/errors";
import { listingMetadataSchema } from "@souk/sdk/schemas";

import { uploadBytes, uploadDocument, UploadError } from "../../lib/upload.ts";
import { PublishError, type Uploader } from "./publish.ts";

/** Uploads to the configured IPFS node; every returned CID is checked against the bytes (lib/upload.ts). */
export const ipfsUploader: Uploader = {
  uploadBytes: (bytes) => uploadBytes(bytes),
  uploadDocument: (document) => uploadDocument(listingMetadataSchema, document),
};

/** An upload failure in one sentence. */
export function uploadFailure(error: unknown): DecodedError {
  if (error instanceof UploadError || error instanceof PublishError) return { kind: "network", message: error.message };
  const decoded = decodeError(error);
  return decoded.kind === "unknown" ? { kind: "network", message: `The upload failed: ${decoded.message}` } : decoded;
}
