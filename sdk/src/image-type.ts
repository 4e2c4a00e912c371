/**
 * The raster format of image bytes, from their signature: what the dApp accepts in a listing, what it shows, and
 * what the IPFS gateway declares. Anything else (SVG, HTML, HEIC, unknown) is refused: SVG can carry scripts.
 */
import type { ImageType } from "./schemas.ts";

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  end <= bytes.length ? String.fromCharCode(...bytes.subarray(start, end)) : "";

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const JPEG = [0xff, 0xd8, 0xff] as const;
const AVIF_BRANDS = new Set(["avif", "avis"]);

/** An ISO-BMFF `ftyp` box whose major brand or one of its compatible brands says AVIF (still or sequence). */
function isAvif(bytes: Uint8Array): boolean {
  if (ascii(bytes, 4, 8) !== "ftyp") return false;
  if (AVIF_BRANDS.has(ascii(bytes, 8, 12))) return true;
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(boxSize, bytes.length);
  // Major brand (8-12) and minor version (12-16), then the compatible brands, 4 bytes each.
  for (let offset = 16; offset + 4 <= end; offset += 4) {
    if (AVIF_BRANDS.has(ascii(bytes, offset, offset + 4))) return true;
  }
  return false;
}

/** The raster format of `bytes` (the first 64 bytes are enough), or undefined when it is not one Souk accepts. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  const gif = ascii(bytes, 0, 6);
  if (gif === "GIF87a" || gif === "GIF89a") return "image/gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  if (isAvif(bytes)) return "image/avif";
  return undefined;
}
