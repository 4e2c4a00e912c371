import { act, renderHook, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../lib/prepare-image.ts", () => {
  class ImageRejected extends Error {}
  const check = async (file: File) => {
    if (file.name.endsWith(".txt")) throw new ImageRejected(`${file.name} is not a picture Souk accepts (PNG, JPEG, WebP, GIF or AVIF).`);
    return "image/png";
  };
  return {
    ImageRejected,
    checkImageFile: vi.fn(check),
    prepareImage: vi.fn(async (file: File) => {
      await check(file);
      // The "prepared" bytes are the file's own, so two identical files give the same CID.
      return { bytes: new Uint8Array(await file.arrayBuffer()), type: "image/webp", width: 4, height: 3, previewUrl: `blob:${file.name}` };
    }),
  };
});

import { useImageItems } from "./use-image-items.ts";

const file = (name: string, content = name) => new File([content], name, { type: "image/png" });

describe("useImageItems", () => {
  beforeEach(() => {
    URL.revokeObjectURL = vi.fn();
  });

  it("prepares files into ready pictures with their CID, in the order chosen", async () => {
    const { result } = renderHook(() => useImageItems());
    act(() => result.current.addFiles([file("a.png"), file("b.png")]));
    expect(result.current.items.map((i) => i.kind)).toEqual(["processing", "processing"]);
    await waitFor(() => expect(result.current.items.every((i) => i.kind === "ready")).toBe(true));
    expect(result.current.items.map((i) => i.name)).toEqual(["a.png", "b.png"]);
    const first = result.current.items[0]!;
    expect(first.kind === "ready" && first.cid.startsWith("bafkrei")).toBe(true);
  });

  it("names each refused file and the reason: wrong type, duplicate, over eight", async () => {
    const { result } = renderHook(() => useImageItems());
    act(() => result.current.addFiles([file("notes.txt"), file("a.png", "same"), file("b.png", "same")]));
    await waitFor(() => expect(result.current.items.filter((i) => i.kind === "ready")).toHaveLength(1));
    await waitFor(() => expect(result.current.notices).toHaveLength(2));
    expect(result.current.notices.map((n) => n.message).sort()).toEqual([
      "b.png was not added: the same picture is already in this listing.",
      "notes.txt is not a picture Souk accepts (PNG, JPEG, WebP, GIF or AVIF).",
    ]);

    act(() => result.current.addFiles(Array.from({ length: 8 }, (_, i) => file(`p${i}.png`))));
    expect(result.current.items).toHaveLength(8);
    expect(result.current.notices.map((n) => n.message)).toEqual(["p7.png was not added: a listing can have at most 8 pictures."]);
  });

  it("reorders, describes and removes pictures, releasing their previews", async () => {
    const { result } = renderHook(() => useImageItems());
    act(() => result.current.addFiles([file("a.png"), file("b.png"), file("c.png")]));
    await waitFor(() => expect(result.current.items.every((i) => i.kind === "ready")).toBe(true));
    const [a, , c] = result.current.items;
    act(() => result.current.move(c!.key, -1));
    expect(result.current.items.map((i) => i.name)).toEqual(["a.png", "c.png", "b.png"]);
    act(() => result.current.moveTo(a!.key, 2));
    expect(result.current.items.map((i) => i.name)).toEqual(["c.png", "b.png", "a.png"]);
    act(() => result.current.setAlt(a!.key, "The lamp, lit"));
    expect(result.current.items[2]).toMatchObject({ alt: "The lamp, lit" });
    act(() => result.current.remove(a!.key));
    expect(result.current.items.map((i) => i.name)).toEqual(["c.png", "b.png"]);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:a.png");
  });
});
