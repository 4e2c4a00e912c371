/**
 * Turns a picture the person chose into what Souk stores: a raster image checked by its bytes (not its name),
 * scaled down to at most 1600 px and compressed to WebP under one IPFS block (240 KiB), so that it can be verified
 * by a single hash. A picture with so much fine detail that it does not fit is made smaller step by step (down to
 * 960 px); one that still does not fit is refused with what to do about it. Everything happens in the browser
 * before anything is uploaded.
 */
import { IMAGE_TYPES, type ImageType } from "@souk/sdk/schemas";

import { sniffImageType } from "@souk/sdk/image-type";

export const MAX_INPUT_BYTES = 15 * 1024 * 1024;
export const MAX_OUTPUT_BYTES = 240 * 1024;
const MAX_SIDE = 1600;
/** The smallest a picture is made to fit: below this a listing photo stops being useful. */
const MIN_SIDE = 960;

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

/** One way of encoding the picture: its longest side at most `maxSide` pixels, in `type` at `quality`. */
export interface EncodingStep {
  maxSide: number;
  type: "image/webp" | "image/jpeg";
  quality: number;
}

/**
 * Tried in order until one fits in MAX_OUTPUT_BYTES: quality first at full size (most photos stop at the first or
 * second step), then smaller sizes for pictures full of fine detail (foliage, gravel, a grainy low-light shot).
 */
export const ENCODING_STEPS: readonly EncodingStep[] = [
  { maxSide: MAX_SIDE, type: "image/webp", quality: 0.85 },
  { maxSide: MAX_SIDE, type: "image/webp", quality: 0.72 },
  { maxSide: MAX_SIDE, type: "image/webp", quality: 0.6 },
  { maxSide: MAX_SIDE, type: "image/jpeg", quality: 0.7 },
  { maxSide: MAX_SIDE, type: "image/webp", quality: 0.45 },
  { maxSide: 1200, type: "image/webp", quality: 0.6 },
  { maxSide: 1200, type: "image/webp", quality: 0.45 },
  { maxSide: MIN_SIDE, type: "image/webp", quality: 0.45 },
];

/** The width and height of a `width` × `height` picture scaled down (never up) to at most `maxSide` on its longest side. */
export function scaledSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The first encoding in `steps` that `encode` turns into an accepted picture of at most MAX_OUTPUT_BYTES, or
 * undefined when none does. Steps that would give the same pixel size as a step already tried at the same type
 * and quality are skipped (a small picture gains nothing from "scaling down" to a size it is already under).
 */
export async function firstFittingEncoding<T extends { bytes: Uint8Array }>(
  steps: readonly EncodingStep[],
  size: { width: number; height: number },
  encode: (step: EncodingStep, target: { width: number; height: number }) => Promise<T | undefined>,
): Promise<(T & { step: EncodingStep; width: number; height: number }) | undefined> {
  const tried = new Set<string>();
  for (const step of steps) {
    const target = scaledSize(size.width, size.height, step.maxSide);
    const key = `${target.width}x${target.height} ${step.type} ${step.quality}`;
    if (tried.has(key)) continue;
    tried.add(key);
    const encoded = await encode(step, target);
    if (encoded !== undefined && encoded.bytes.byteLength <= MAX_OUTPUT_BYTES) return { ...encoded, step, ...target };
  }
  return undefined;
}

/** What the person reads when a picture cannot be made small enough, with what to do about it. */
export function tooDetailedMessage(fileName: string): string {
  return (
    `${fileName} could not be made small enough: Souk stores each picture in at most ${MAX_OUTPUT_BYTES / 1024} KiB, ` +
    `and this one is still larger after shrinking it to ${MIN_SIDE} pixels and lowering the quality (very fine detail ` +
    "or grain compresses poorly). " +
    "Crop it closer to the item, or use a sharper, less grainy photo, then add it again."
  );
}

export async function prepareImage(file: File): Promise<PreparedImage> {
  await checkImageFile(file);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageRejected(`${file.name} could not be read as an image.`);
  }
  try {
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d");
    if (context === null) throw new ImageRejected("This browser cannot process images.");
    const fitting = await firstFittingEncoding(ENCODING_STEPS, bitmap, async (step, target) => {
      if (canvas.width !== target.width || canvas.height !== target.height) {
        canvas.width = target.width;
        canvas.height = target.height;
        context.drawImage(bitmap, 0, 0, target.width, target.height);
      }
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, step.type, step.quality));
      if (blob === null || blob.size > MAX_OUTPUT_BYTES) return undefined;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const type = sniffImageType(bytes);
      return type !== undefined && IMAGE_TYPES.includes(type) ? { bytes, type, blob } : undefined;
    });
    if (fitting === undefined) throw new ImageRejected(tooDetailedMessage(file.name));
    return { bytes: fitting.bytes, type: fitting.type, width: fitting.width, height: fitting.height, previewUrl: URL.createObjectURL(fitting.blob) };
  } finally {
    bitmap.close();
  }
}
