/**
 * Turns a picture the person chose into what Souk stores: a raster image checked by its bytes (not its name),
 * scaled down to at most 1600 px and compressed to WebP under one IPFS block (240 KiB), so that it can be verified
 * by a single hash. Everything happens in the browser before anything is uploaded.
 */
import { IMAGE_TYPES, type ImageType } from "@souk/sdk/schemas";

import { sniffImageType } from "@souk/sdk/image-type";

export const MAX_INPUT_BYTES = 15 * 1024 * 1024;
export const MAX_OUTPUT_BYTES = 240 * 1024;
const MAX_SIDE = 1600;

export class ImageRejected extends Error {
  override name = "ImageRejected";
}

export interface PreparedImage {
  bytes: Uint8Array;
  type: ImageType;
  width: number;
  height: number;
  /** For previews; revoke with URL.revokeObjectURL when done. */
  previewUrl: string;
}

/** Checks a file before any decoding: size, and that its bytes are one of the accepted raster formats. */
export async function checkImageFile(file: File): Promise<ImageType> {
  if (file.size > MAX_INPUT_BYTES) {
    // Rounded up, so that a file just over the limit never reads as "15.0 MB".
    const megabytes = Math.ceil((file.size / 1024 / 1024) * 10) / 10;
    throw new ImageRejected(`${file.name} is ${megabytes.toFixed(1)} MB; pictures can be at most 15 MB.`);
  }
  const head = new Uint8Array(await file.slice(0, 32).arrayBuffer());
  const type = sniffImageType(head);
  if (type === undefined) {
    throw new ImageRejected(`${file.name} is not a picture Souk accepts (PNG, JPEG, WebP, GIF or AVIF).`);
  }
  return type;
}

export async function prepareImage(file: File): Promise<PreparedImage> {
  await checkImageFile(file);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageRejected(`${file.name} could not be read as an image.`);
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (context === null) throw new ImageRejected("This browser cannot process images.");
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();

  for (const [type, quality] of [
    ["image/webp", 0.85],
    ["image/webp", 0.72],
    ["image/webp", 0.6],
    ["image/jpeg", 0.7],
    ["image/webp", 0.45],
  ] as const) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
    if (blob === null || blob.size > MAX_OUTPUT_BYTES) continue;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const actual = sniffImageType(bytes);
    if (actual === undefined || !IMAGE_TYPES.includes(actual)) continue;
    return { bytes, type: actual, width, height, previewUrl: URL.createObjectURL(blob) };
  }
  throw new ImageRejected(`${file.name} could not be compressed under ${MAX_OUTPUT_BYTES / 1024} KiB.`);
}
