import { describe, expect, it } from "vitest";

import { freeSlots, imageRefs, moveItem, publishedItems, type ImageItem, type SettledImage } from "./image-items.ts";

const CID = "bafkreifh2co7rsrwijtqdklxmqa3h2al5ugqfew7zawrvf52j2htoqbhxq";

describe("image items", () => {
  it("moves an item by a number of places, clamped to the list", () => {
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 2, -2)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 1, 10)).toEqual(["a", "c", "b"]);
  });

  it("counts the free slots out of 8", () => {
    const items = Array.from({ length: 6 }, (_, i): ImageItem => ({ key: `k${i}`, kind: "processing", name: "x" }));
    expect(freeSlots(items)).toBe(2);
    expect(freeSlots([...items, ...items])).toBe(0);
  });

  it("keeps a published listing's pictures and their alt texts", () => {
    const [item] = publishedItems([{ cid: CID, type: "image/webp", width: 4, height: 3, alt: "A lamp" }]);
    expect(item).toMatchObject({ kind: "published", cid: CID, alt: "A lamp", width: 4, height: 3 });
  });

  it("writes image references with the title as the fallback alt text, and no empty fields", () => {
    const items: SettledImage[] = [
      { key: "a", kind: "published", name: "1", cid: CID, type: "image/webp", alt: "  Lit lamp " },
      { key: "b", kind: "published", name: "2", cid: CID, type: "image/png", width: 5, height: 6, alt: "" },
    ];
    expect(imageRefs(items, " Brass lamp ")).toEqual([
      { cid: CID, type: "image/webp", alt: "Lit lamp" },
      { cid: CID, type: "image/png", width: 5, height: 6, alt: "Brass lamp" },
    ]);
    expect(imageRefs([items[1]!], "")).toEqual([{ cid: CID, type: "image/png", width: 5, height: 6 }]);
  });
});
