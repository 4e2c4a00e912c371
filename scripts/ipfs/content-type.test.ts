// Content-type sniffing: recognised images, JSON, text, and never an executable type.
import { describe, expect, it } from "vitest";
import { JSON_TYPE, OCTET_STREAM, sniffContentType, TEXT_PLAIN } from "./content-type.ts";

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

/** An ISO-BMFF ftyp box: size, 'ftyp', major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]): Uint8Array => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], "ftyp", major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], "mdat");
};

describe("sniffContentType", () => {
  it.each([
    ["PNG", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], "IHDR"), "image/png"],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF"), "image/jpeg"],
    ["GIF89a", bytes("GIF89a", [1, 0, 1, 0]), "image/gif"],
    ["GIF87a", bytes("GIF87a", [1, 0, 1, 0]), "image/gif"],
    ["WebP", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["AVIF (major brand)", ftyp("avif", "mif1", "miaf"), "image/avif"],
    ["AVIF (compatible brand)", ftyp("mif1", "miaf", "avif"), "image/avif"],
    ["HEIC", ftyp("heic", "mif1"), OCTET_STREAM],
  ])("recognises %s", (_name, data, expected) => {
    expect(sniffContentType(data, true)).toBe(expected);
  });

  it("recognises JSON objects and arrays read whole, including with a BOM", () => {
    expect(sniffContentType(Buffer.from('{"title":"Lamp","price":12}'), true)).toBe(JSON_TYPE);
    expect(sniffContentType(Buffer.from(" \n[1, 2, 3]\n"), true)).toBe(JSON_TYPE);
    expect(sniffContentType(Buffer.from('\uFEFF{"a":1}'), true)).toBe(JSON_TYPE);
  });

  it('does not call a truncated head or invalid JSON "JSON"', () => {
    expect(sniffContentType(Buffer.from('{"a":1}'), false)).toBe(TEXT_PLAIN);
    expect(sniffContentType(Buffer.from('{"a":'), true)).toBe(TEXT_PLAIN);
    expect(sniffContentType(Buffer.from("42"), true)).toBe(TEXT_PLAIN);
  });

  it("serves HTML, SVG and scripts as plain text, never as active content", () => {
    for (const text of [
      "<!DOCTYPE html><html><script>alert(1)</script></html>",
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      "alert(document.cookie)",
    ]) {
      expect(sniffContentType(Buffer.from(text), true)).toBe(TEXT_PLAIN);
    }
  });

  it("recognises UTF-8 text, also when the head cuts a character in two", () => {
    expect(sniffContentType(Buffer.from("héllo wörld\n"), true)).toBe(TEXT_PLAIN);
    const cut = Buffer.from("ab€").subarray(0, 4); // '€' is 3 bytes: keep only the first
    expect(sniffContentType(cut, false)).toBe(TEXT_PLAIN);
    expect(sniffContentType(cut, true)).toBe(OCTET_STREAM);
    expect(sniffContentType(new Uint8Array(0), true)).toBe(TEXT_PLAIN);
  });

  it("falls back to application/octet-stream for binary data", () => {
    expect(sniffContentType(bytes([0, 1, 2, 3, 0xfe, 0xff]), true)).toBe(OCTET_STREAM);
    expect(sniffContentType(bytes("PK", [3, 4, 20, 0]), true)).toBe(OCTET_STREAM);
    expect(sniffContentType(bytes([0xc3, 0x28]), true)).toBe(OCTET_STREAM); // invalid UTF-8
  });
});
