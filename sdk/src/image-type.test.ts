// Image sniffing against real files: each fixture was written by an encoder (ImageMagick 6.9 for PNG, JPEG, GIF
// and WebP; libavif 0.11's avifenc for AVIF), not assembled by hand.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { sniffImageType } from "./image-type.ts";

const DIR = path.join(import.meta.dirname, "fixtures", "images");
const file = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const SEED_IMAGES = path.join(import.meta.dirname, "..", "..", "scripts", "seed", "images");

describe("sniffImageType", () => {
  it.each([
    ["sample.png", "image/png"],
    ["sample.jpg", "image/jpeg"],
    ["sample.gif", "image/gif"],
    ["sample-87a.gif", "image/gif"],
    ["sample.webp", "image/webp"],
    ["sample.avif", "image/avif"],
  ])("recognises %s", (name, type) => {
    expect(sniffImageType(file(name))).toBe(type);
  });

  it("recognises the demo market's photos (WebP from the browser's encoder path)", () => {
    const names = readdirSync(SEED_IMAGES).filter((n) => n.endsWith(".webp"));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(sniffImageType(new Uint8Array(readFileSync(path.join(SEED_IMAGES, name))))).toBe("image/webp");
  });

  it("recognises AVIF by a compatible brand when the major brand is another (mif1)", () => {
    const avif = file("sample.avif");
    const mif1 = avif.slice();
    mif1.set(new TextEncoder().encode("mif1"), 8); // major brand; "avif" stays among the compatible brands
    expect(sniffImageType(mif1)).toBe("image/avif");
  });

  it("refuses HEIC (the same container without an AVIF brand), SVG, and anything cut short or unknown", () => {
    const heic = file("sample.avif").slice(0, 32);
    heic.set(new TextEncoder().encode("heic"), 8);
    heic.set(new TextEncoder().encode("heicmif1miafMA1A"), 16);
    expect(sniffImageType(heic)).toBeUndefined();
    expect(sniffImageType(file("sample.svg"))).toBeUndefined();
    expect(sniffImageType(file("sample.png").subarray(0, 7))).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode("GIF8 not a gif"))).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode("RIFF....WAVEfmt "))).toBeUndefined();
    expect(sniffImageType(new Uint8Array(0))).toBeUndefined();
  });
});
