/**
 * The pictures of a listing being written, in display order (the first is the cover). A picture is either still
 * being processed, ready (prepared in the browser, its CID computed from its bytes, not uploaded yet), or already
 * published (editing an existing listing: known by CID only).
 */
import type { ImageRef, ImageType } from "@souk/sdk/schemas";

import { MAX_IMAGES } from "./limits.ts";

interface Base {
  key: string;
  /** The file name the seller chose, or a description of a published picture. */
  name: string;
}

export type ImageItem =
  | (Base & { kind: "processing" })
  | (Base & {
      kind: "ready";
      bytes: Uint8Array;
      type: ImageType;
      width: number;
      height: number;
      cid: string;
      previewUrl: string;
      alt: string;
    })
  | (Base & { kind: "published"; cid: string; type: ImageType; width?: number; height?: number; alt: string });

export type SettledImage = Exclude<ImageItem, { kind: "processing" }>;

let keyCounter = 0;
export function newImageKey(): string {
  keyCounter += 1;
  return `image-${keyCounter}`;
}

/** The pictures of a published listing, as items that can be kept, reordered or removed. */
export function publishedItems(images: readonly ImageRef[]): ImageItem[] {
  return images.map((image, index) => ({
    key: newImageKey(),
    kind: "published",
    name: `Picture ${index + 1}`,
    cid: image.cid,
    type: image.type,
    width: image.width,
    height: image.height,
    alt: image.alt ?? "",
  }));
}

/** Moves the item at `index` by `delta` places (clamped to the list). */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(items.length - 1, Math.max(0, index + delta));
  if (target === index || index < 0 || index >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved as T);
  return next;
}

/** How many of `count` new files fit, given the pictures already there. */
export function freeSlots(items: readonly ImageItem[]): number {
  return Math.max(0, MAX_IMAGES - items.length);
}

/** The CID of a settled picture, for spotting the same picture added twice. */
export function cidOf(item: ImageItem): string | undefined {
  return item.kind === "processing" ? undefined : item.cid;
}

/** The image entries of the metadata document; an empty alt text falls back to the listing's title. */
export function imageRefs(items: readonly SettledImage[], title: string): ImageRef[] {
  const fallback = title.trim();
  return items.map((item) => {
    const alt = item.alt.trim() === "" ? fallback : item.alt.trim();
    return {
      cid: item.cid,
      type: item.type,
      ...(item.width === undefined ? {} : { width: item.width }),
      ...(item.height === undefined ? {} : { height: item.height }),
      ...(alt === "" ? {} : { alt }),
    };
  });
}
