// Content types for user content served by the gateway. Only types that a browser cannot execute are ever
// returned: HTML and SVG (scriptable) come out as text/plain, which together with `nosniff` and the sandbox
// CSP keeps uploaded files from running script in the gateway's origin.

export const OCTET_STREAM = "application/octet-stream";
export const TEXT_PLAIN = "text/plain; charset=utf-8";
export const JSON_TYPE = "application/json";

/** Bytes of a file to read for sniffing when it is not read whole. */
export const SNIFF_BYTES = 4096;
/** Files up to this size are read whole so that JSON can be recognised by parsing it. */
export const JSON_SNIFF_LIMIT = 1024 * 1024;

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, end));

const startsWith = (bytes: Uint8Array, signature: number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const AVIF_BRANDS = new Set(["avif", "avis"]);

/** ISO-BMFF `ftyp` box whose major or compatible brands say AVIF. */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return false;
  if (AVIF_BRANDS.has(ascii(bytes, 8, 12))) return true;
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const end = Math.min(boxSize, bytes.length);
  for (let offset = 16; offset + 4 <= end; offset += 4) {
    if (AVIF_BRANDS.has(ascii(bytes, offset, offset + 4))) return true;
  }
  return false;
}

function imageType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return "image/gif";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  if (isAvif(bytes)) return "image/avif";
  return undefined;
}

/** UTF-8 text without the control bytes that mark binary data (WHATWG MIME sniffing's list). */
function decodeText(bytes: Uint8Array, whole: boolean): string | undefined {
  for (const b of bytes) {
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return undefined;
  }
  try {
    // When only the head was read, a multi-byte character cut at the end is not an error.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !whole });
  } catch {
    return undefined;
  }
}

/**
 * Sniffs the content type of a file from its first bytes (`whole` = all of the file). JSON is recognised
 * only in files read whole, as an object or an array.
 */
export function sniffContentType(bytes: Uint8Array, whole: boolean): string {
  const image = imageType(bytes);
  if (image !== undefined) return image;
  const text = decodeText(bytes, whole);
  if (text === undefined) return OCTET_STREAM;
  if (whole && /^\s*[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return JSON_TYPE;
    } catch {
      // Not JSON: plain text.
    }
  }
  return TEXT_PLAIN;
}
