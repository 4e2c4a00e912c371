import { describe, expect, it } from "vitest";

import { ENCODING_STEPS, firstFittingEncoding, MAX_OUTPUT_BYTES, scaledSize, tooDetailedMessage, type EncodingStep } from "./prepare-image.ts";

/** An encoder standing in for the canvas: the size of the output is what `sizeOf` says for each step and pixel size. */
function encoder(sizeOf: (step: EncodingStep, target: { width: number; height: number }) => number) {
  const calls: string[] = [];
  const encode = async (step: EncodingStep, target: { width: number; height: number }) => {
    calls.push(`${target.width}x${target.height} ${step.type.slice(6)} ${step.quality}`);
    return { bytes: new Uint8Array(sizeOf(step, target)) };
  };
  return { calls, encode };
}

describe("scaledSize", () => {
  it("scales the longest side down to the limit, keeping the proportions, and never scales up", () => {
    expect(scaledSize(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000, 960)).toEqual({ width: 720, height: 960 });
    expect(scaledSize(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(scaledSize(10_000, 1, 960)).toEqual({ width: 960, height: 1 });
  });
});

describe("firstFittingEncoding", () => {
  it("stops at the first step that fits, at full size, for an ordinary photo", async () => {
    const { calls, encode } = encoder(() => 180 * 1024);
    const result = await firstFittingEncoding(ENCODING_STEPS, { width: 4000, height: 3000 }, encode);
    expect(calls).toEqual(["1600x1200 webp 0.85"]);
    expect(result).toMatchObject({ width: 1600, height: 1200, step: ENCODING_STEPS[0] });
  });

  it("makes a detailed picture smaller once no quality fits at full size", async () => {
    // Fits only below 1.5 megapixels at quality 0.45 or lower: what a very detailed photo does.
    const { calls, encode } = encoder((step, target) => (target.width * target.height <= 1_500_000 && step.quality <= 0.45 ? 200 * 1024 : 400 * 1024));
    const result = await firstFittingEncoding(ENCODING_STEPS, { width: 4000, height: 3000 }, encode);
    expect(calls).toEqual([
      "1600x1200 webp 0.85",
      "1600x1200 webp 0.72",
      "1600x1200 webp 0.6",
      "1600x1200 jpeg 0.7",
      "1600x1200 webp 0.45",
      "1200x900 webp 0.6",
      "1200x900 webp 0.45",
    ]);
    expect(result).toMatchObject({ width: 1200, height: 900 });
  });

  it("tries every step once and gives up when nothing fits", async () => {
    const { calls, encode } = encoder(() => MAX_OUTPUT_BYTES + 1);
    expect(await firstFittingEncoding(ENCODING_STEPS, { width: 4000, height: 3000 }, encode)).toBeUndefined();
    expect(calls).toHaveLength(ENCODING_STEPS.length);
    expect(calls.at(-1)).toBe("960x720 webp 0.45");
  });

  it("does not encode a small picture twice at the same size and quality", async () => {
    const { calls, encode } = encoder(() => MAX_OUTPUT_BYTES + 1);
    await firstFittingEncoding(ENCODING_STEPS, { width: 800, height: 800 }, encode);
    expect(calls).toEqual(["800x800 webp 0.85", "800x800 webp 0.72", "800x800 webp 0.6", "800x800 jpeg 0.7", "800x800 webp 0.45"]);
  });

  it("accepts exactly the limit", async () => {
    const { encode } = encoder(() => MAX_OUTPUT_BYTES);
    expect(await firstFittingEncoding(ENCODING_STEPS, { width: 100, height: 100 }, encode)).toBeDefined();
  });
});

describe("tooDetailedMessage", () => {
  it("names the file, the limit, and what to do", () => {
    expect(tooDetailedMessage("IMG_2041.png")).toBe(
      "IMG_2041.png could not be made small enough: Souk stores each picture in at most 240 KiB, and this one is still " +
        "larger after shrinking it to 960 pixels and lowering the quality (very fine detail or grain compresses poorly). " +
        "Crop it closer to the item, or use a sharper, less grainy photo, then add it again.",
    );
  });
});
