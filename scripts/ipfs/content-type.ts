// Content types for user content served by the gateway. Only types that a browser cannot execute are ever
// returned: HTML and SVG (scriptable) come out as text/plain, which together with `nosniff` and the sandbox
// CSP keeps uploaded files from running script in the gateway's origin.
import { sniffImageType } from "@souk/sdk/image-type";

export const OCTET_STREAM = "application/octet-stream";
export const TEXT_PLAIN = "text/plain; charset=utf-8";
export const JSON_TYPE = "application/json";

/** Bytes of a file to read for sniffing when it is not read whole. */
export const SNIFF_BYTES = 4096;
/** Files up to this size are read whole so that JSON can be recognised by parsing it. */
export const JSON_SNIFF_LIMIT = 1024 * 1024;

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
  const image = sniffImageType(bytes);
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
