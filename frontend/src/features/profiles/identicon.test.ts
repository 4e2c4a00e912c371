import { describe, expect, it } from "vitest";

import { IDENTICON_SIZE, identicon } from "./identicon.ts";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("identicon", () => {
  it("is the same for the same address whatever its letter case", () => {
    expect(identicon(A)).toEqual(identicon(A.toLowerCase()));
  });

  it("differs between addresses", () => {
    expect(identicon(A)).not.toEqual(identicon(B));
  });

  it("is a mirrored 5 × 5 pattern, neither empty nor full", () => {
    for (const address of [A, B, "0x0000000000000000000000000000000000000000"]) {
      const { cells, hue, backgroundHue } = identicon(address);
      expect(cells).toHaveLength(IDENTICON_SIZE * IDENTICON_SIZE);
      for (let row = 0; row < IDENTICON_SIZE; row++) {
        const line = cells.slice(row * IDENTICON_SIZE, (row + 1) * IDENTICON_SIZE);
        expect(line).toEqual([...line].reverse());
      }
      expect(cells.some(Boolean)).toBe(true);
      expect(cells.every(Boolean)).toBe(false);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(360);
      expect(backgroundHue).toBeGreaterThanOrEqual(0);
      expect(backgroundHue).toBeLessThan(360);
      expect(backgroundHue).not.toBe(hue);
    }
  });
});
