import { describe, expect, it } from "vitest";

import {
  encodeDocument,
  evidenceSchema,
  listingMetadataSchema,
  MAX_DOCUMENT_BYTES,
  parseDocument,
  reviewSchema,
  type ListingMetadataInput,
} from "./schemas.ts";

const IMAGE = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
const good: ListingMetadataInput = {
  schema: "souk.listing/1",
  title: "Hand-thrown stoneware mug",
  description: "350 ml, glazed in celadon.\nDishwasher safe.",
  category: "Home & Garden",
  images: [{ cid: IMAGE, type: "image/webp", width: 800, height: 600, alt: "A green mug" }],
  attributes: [{ name: "Capacity", value: "350 ml" }],
  condition: "new",
  delivery: { method: "shipping", regions: "EU, UK" },
};
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("listing metadata", () => {
  it("accepts a complete document and round-trips through encode/parse", () => {
    const encoded = encodeDocument(listingMetadataSchema, good);
    const parsed = parseDocument(listingMetadataSchema, encoded);
    expect(parsed).toEqual({ ok: true, value: { ...good } });
  });

  it("fills defaults and trims text", () => {
    const parsed = parseDocument(listingMetadataSchema, bytes({ ...good, title: "  Mug  ", attributes: undefined }));
    expect(parsed.ok && parsed.value.title).toBe("Mug");
    expect(parsed.ok && parsed.value.attributes).toEqual([]);
  });

  it.each([
    ["a missing title", { ...good, title: undefined }, /^title: /],
    ["a title with a line break", { ...good, title: "Mug\nfree" }, /title: must be a single line/],
    ["a title too long", { ...good, title: "x".repeat(121) }, /title: must be at most 120 characters/],
    ["an unknown category", { ...good, category: "Weapons" }, /category: is not a known category/],
    ["an SVG image", { ...good, images: [{ cid: IMAGE, type: "image/svg+xml" }] }, /images\.0\.type: must be one of/],
    ["a broken image CID", { ...good, images: [{ cid: "bafy-nope", type: "image/png" }] }, /images\.0\.cid: must be a raw sha2-256 CIDv1/],
    // A file named by a DAG (CIDv0, dag-pb CIDv1) could be made arbitrarily expensive to walk: only raw blocks.
    ["a CIDv0 image", { ...good, images: [{ cid: "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", type: "image/png" }] }, /images\.0\.cid: must be a raw sha2-256 CIDv1/],
    ["a dag-pb CIDv1 image", { ...good, images: [{ cid: "bafybeifx7yeb55armcsxwwitkymga5xf53dxiarykms3ygqic223w5sk3m", type: "image/png" }] }, /images\.0\.cid: must be a raw sha2-256 CIDv1/],
    ["a raw CIDv1 in another base", { ...good, images: [{ cid: "zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA", type: "image/png" }] }, /images\.0\.cid: must be a raw sha2-256 CIDv1/],
    ["nine images", { ...good, images: Array(9).fill({ cid: IMAGE, type: "image/png" }) }, /images: at most 8 images/],
    ["another schema", { ...good, schema: "souk.listing/2" }, /schema: must be "souk.listing\/1"/],
    ["bidi override characters", { ...good, title: "Mug \u202Egpj.exe" }, /title: must be a single line/],
  ])("rejects %s with a useful message", (_, document, message) => {
    const parsed = parseDocument(listingMetadataSchema, bytes(document));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });

  it("rejects oversized, non-UTF-8 and non-JSON bytes before parsing", () => {
    const huge = bytes({ ...good, description: "x".repeat(5 * 1024 * 1024) });
    expect(parseDocument(listingMetadataSchema, huge)).toEqual({
      ok: false,
      error: `The document is ${huge.byteLength} bytes, more than the ${MAX_DOCUMENT_BYTES} allowed.`,
    });
    expect(parseDocument(listingMetadataSchema, new Uint8Array([0xff, 0xfe]))).toEqual({
      ok: false,
      error: "The document is not valid UTF-8 text.",
    });
    expect(parseDocument(listingMetadataSchema, new TextEncoder().encode("{title:"))).toEqual({
      ok: false,
      error: "The document is not valid JSON.",
    });
  });

  it("keeps markup as inert text (rendering escapes it)", () => {
    const parsed = parseDocument(listingMetadataSchema, bytes({ ...good, title: "<script>alert(1)</script>" }));
    expect(parsed.ok && parsed.value.title).toBe("<script>alert(1)</script>");
  });

  it("refuses to encode an invalid document", () => {
    expect(() => encodeDocument(listingMetadataSchema, { ...good, title: "" })).toThrow(/title: is required|title: needs/);
  });
});

describe("reviews and evidence", () => {
  it("accept a bare review and refuse empty evidence", () => {
    expect(parseDocument(reviewSchema, bytes({ schema: "souk.review/1", text: "" })).ok).toBe(true);
    const evidence = parseDocument(evidenceSchema, bytes({ schema: "souk.evidence/1", text: "  " }));
    expect(evidence).toEqual({ ok: false, error: "text: is required" });
  });

  it("accept only raw sha2-256 CIDv1 for review images and evidence attachments too", () => {
    const cidV0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    const review = parseDocument(reviewSchema, bytes({ schema: "souk.review/1", text: "Nice", images: [{ cid: cidV0, type: "image/png" }] }));
    expect(review).toEqual({ ok: false, error: "images.0.cid: must be a raw sha2-256 CIDv1 (bafkrei...)" });
    const evidence = parseDocument(
      evidenceSchema,
      bytes({ schema: "souk.evidence/1", text: "Broken", attachments: [{ cid: cidV0, type: "image/jpeg" }] }),
    );
    expect(evidence).toEqual({ ok: false, error: "attachments.0.cid: must be a raw sha2-256 CIDv1 (bafkrei...)" });
    const raw = parseDocument(reviewSchema, bytes({ schema: "souk.review/1", text: "Nice", images: [{ cid: IMAGE, type: "image/png" }] }));
    expect(raw.ok).toBe(true);
  });

  it("default evidence attachments to none", () => {
    const parsed = parseDocument(evidenceSchema, bytes({ schema: "souk.evidence/1", text: "Arrived broken" }));
    expect(parsed).toEqual({ ok: true, value: { schema: "souk.evidence/1", text: "Arrived broken", attachments: [] } });
  });
});
