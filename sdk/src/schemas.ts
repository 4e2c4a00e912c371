/**
 * The documents Souk keeps on IPFS, versioned by their `schema` field. Everything fetched from IPFS is untrusted:
 * clients verify the bytes against their CID, then parse them here (size limit, strict UTF-8, JSON, schema) before
 * showing anything, and render every string as text.
 */
import { z } from "zod";

import { isRawCid } from "./cid.ts";

/** Largest document accepted: metadata, reviews, evidence and notes are small JSON files. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;

/** Largest image accepted in a listing, review or evidence. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const CATEGORIES = [
  "Electronics",
  "Home & Garden",
  "Fashion",
  "Books & Media",
  "Art & Collectibles",
  "Sports & Outdoors",
  "Toys & Games",
  "Food & Drink",
  "Services",
  "Digital goods",
  "Other",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Raster formats only: SVG can carry scripts. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/avif", "image/gif"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const CONDITIONS = ["new", "like-new", "good", "fair", "for-parts"] as const;
export const DELIVERY_METHODS = ["shipping", "pickup", "digital", "service"] as const;

/**
 * Control characters other than tab and newline (Unicode category Cc), and the text-direction overrides and
 * isolates: they have no place in user text and can spoof what is shown.
 */
export const CONTROL = /(?![\t\n])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;
/** The same, line breaks and tabs included: for text that must stay on one line. */
export const LINE_BREAK_OR_CONTROL = /\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { error: min === 1 ? "is required" : `needs at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !LINE_BREAK_OR_CONTROL.test(s), { error: "must be a single line of plain text" });

const paragraph = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !CONTROL.test(s), { error: "contains control characters" });

/**
 * A referenced file (an image, an attachment): only what Souk itself stores, one raw block named by a sha2-256
 * CIDv1 (`bafkrei...`). That bounds every fetch to one block checked by one hash; a CIDv0 or dag-pb CID would name a
 * DAG that a crafted file can make arbitrarily expensive to walk.
 */
const cid = z
  .string()
  .refine((value) => value.startsWith("bafkrei") && isRawCid(value), { error: "must be a raw sha2-256 CIDv1 (bafkrei...)" });

export const imageSchema = z.object({
  cid,
  type: z.enum(IMAGE_TYPES, { error: `must be one of ${IMAGE_TYPES.join(", ")}` }),
  width: z.int().min(1).max(16_384).optional(),
  height: z.int().min(1).max(16_384).optional(),
  alt: line(1, 200).optional(),
});
export type ImageRef = z.infer<typeof imageSchema>;

export const listingMetadataSchema = z.object({
  schema: z.literal("souk.listing/1", { error: 'must be "souk.listing/1"' }),
  title: line(3, 120),
  description: paragraph(10_000),
  category: z.enum(CATEGORIES, { error: "is not a known category" }),
  images: z.array(imageSchema).max(8, { error: "at most 8 images" }),
  attributes: z
    .array(z.object({ name: line(1, 40), value: line(1, 200) }))
    .max(20, { error: "at most 20 attributes" })
    .default([]),
  condition: z.enum(CONDITIONS).optional(),
  delivery: z
    .object({
      method: z.enum(DELIVERY_METHODS),
      regions: line(1, 200).optional(),
      notes: paragraph(1_000).optional(),
    })
    .optional(),
  tags: z.array(line(1, 30)).max(10, { error: "at most 10 tags" }).optional(),
});
export type ListingMetadata = z.infer<typeof listingMetadataSchema>;
export type ListingMetadataInput = z.input<typeof listingMetadataSchema>;

export const reviewSchema = z.object({
  schema: z.literal("souk.review/1", { error: 'must be "souk.review/1"' }),
  text: paragraph(4_000),
  images: z.array(imageSchema).max(4, { error: "at most 4 images" }).optional(),
});
export type Review = z.infer<typeof reviewSchema>;

export const replySchema = z.object({
  schema: z.literal("souk.reply/1", { error: 'must be "souk.reply/1"' }),
  text: paragraph(4_000).refine((s) => s.length > 0, { error: "is required" }),
});
export type Reply = z.infer<typeof replySchema>;

export const evidenceSchema = z.object({
  schema: z.literal("souk.evidence/1", { error: 'must be "souk.evidence/1"' }),
  text: paragraph(10_000).refine((s) => s.length > 0, { error: "is required" }),
  attachments: z.array(imageSchema).max(6, { error: "at most 6 attachments" }).default([]),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** The seller's note when fulfilling: tracking details, pick-up instructions, how to access a digital good. */
export const fulfillmentNoteSchema = z.object({
  schema: z.literal("souk.note/1", { error: 'must be "souk.note/1"' }),
  text: paragraph(2_000),
  carrier: line(1, 60).optional(),
  tracking: line(1, 100).optional(),
});
export type FulfillmentNote = z.infer<typeof fulfillmentNoteSchema>;

export type DocumentResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses untrusted bytes as a document: size limit, strict UTF-8, JSON, then the schema. Never throws; the error
 * says what is wrong in words a person can act on.
 */
export function parseDocument<S extends z.ZodType>(
  schema: S,
  bytes: Uint8Array,
  maxBytes = MAX_DOCUMENT_BYTES,
): DocumentResult<z.infer<S>> {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, error: `The document is ${bytes.byteLength} bytes, more than the ${maxBytes} allowed.` };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: "The document is not valid UTF-8 text." };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "The document is not valid JSON." };
  }
  const result = schema.safeParse(json);
  if (!result.success) return { ok: false, error: describeIssues(result.error) };
  return { ok: true, value: result.data };
}

/** Validates a document and encodes it as the UTF-8 JSON bytes to upload; throws with readable issues. */
export function encodeDocument<S extends z.ZodType>(schema: S, document: z.input<S>): Uint8Array {
  const result = schema.safeParse(document);
  if (!result.success) throw new Error(describeIssues(result.error));
  const bytes = new TextEncoder().encode(JSON.stringify(result.data));
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new Error(`The document is ${bytes.byteLength} bytes, more than the ${MAX_DOCUMENT_BYTES} allowed.`);
  }
  return bytes;
}

/** "title must be at most 120 characters; images.0.type must be one of ..." */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join(".");
      return where === "" ? issue.message : `${where}: ${issue.message}`;
    })
    .join("; ");
}
