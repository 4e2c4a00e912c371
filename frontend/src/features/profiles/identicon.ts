import { keccak256, toBytes } from "viem";

export interface Identicon {
  /** Hue of the pattern, 0..359. */
  hue: number;
  /** Hue of the background tint, a third of the wheel away so neighbouring avatars stay apart. */
  backgroundHue: number;
  /** 5 × 5 cells, row by row, mirrored left to right. */
  cells: boolean[];
}

export const IDENTICON_SIZE = 5;

/**
 * A deterministic picture for an address (same address, same picture, whatever its letter case), drawn from the
 * keccak-256 hash of the address: a hue and a left-right symmetric 5 × 5 pattern, like GitHub's identicons.
 */
export function identicon(address: string): Identicon {
  const hash = toBytes(keccak256(toBytes(address.toLowerCase())));
  const hue = ((hash[0]! << 8) | hash[1]!) % 360;
  const half = Math.ceil(IDENTICON_SIZE / 2);
  const cells: boolean[] = [];
  for (let row = 0; row < IDENTICON_SIZE; row++) {
    for (let column = 0; column < IDENTICON_SIZE; column++) {
      const source = column < half ? column : IDENTICON_SIZE - 1 - column;
      cells.push(hash[2 + row * half + source]! % 2 === 0);
    }
  }
  // Never an empty or a full square: both look like a missing picture.
  if (cells.every((c) => !c) || cells.every(Boolean)) cells[IDENTICON_SIZE * 2 + 2] = !cells[IDENTICON_SIZE * 2 + 2];
  return { hue, backgroundHue: (hue + 120 + (hash[20]! % 60)) % 360, cells };
}
