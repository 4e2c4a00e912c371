// The demo catalogue is consistent: images exist and are small WebPs, texts and numbers are within the limits the
// contracts and the metadata schema accept, and the demo covers every token and most categories.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { digestToCid } from "@souk/sdk/cid";
import { CONTROL, LINE_BREAK_OR_CONTROL, listingMetadataSchema } from "@souk/sdk/schemas";
import { describe, expect, it } from "vitest";

import {
  DEMO_ARBITER,
  DEMO_BUYERS,
  DEMO_EVIDENCE,
  DEMO_LISTINGS,
  DEMO_NOTES,
  DEMO_REPLIES,
  DEMO_REVIEWS,
  DEMO_SELLERS,
  TOKEN_DECIMALS,
  demoNoteFor,
  type PaymentToken,
} from "./catalogue.ts";

const HERE = import.meta.dirname;
const IMAGES = join(HERE, "images");
const ART = join(HERE, "art");
const MAX_IMAGE_BYTES = 200 * 1024;
const DECIMALS: Record<PaymentToken, number> = { ETH: 18, DUSD: 6, DGLD: 18 };

// Tab and newline are allowed in paragraphs; other control characters and bidi overrides never are.
const isLine = (s: string, min: number, max: number): boolean =>
  s === s.trim() && s.length >= min && s.length <= max && !LINE_BREAK_OR_CONTROL.test(s);
const isParagraph = (s: string, min: number, max: number): boolean =>
  s === s.trim() && s.length >= min && s.length <= max && !CONTROL.test(s);

const isWebp = (bytes: Uint8Array): boolean =>
  bytes.length > 12 &&
  Buffer.from(bytes.subarray(0, 4)).toString("latin1") === "RIFF" &&
  Buffer.from(bytes.subarray(8, 12)).toString("latin1") === "WEBP";

const cidOf = (bytes: Uint8Array): string =>
  digestToCid(`0x${createHash("sha256").update(bytes).digest("hex")}`);

describe("demo listings", () => {
  it("has 14 listings with unique slugs and titles", () => {
    expect(DEMO_LISTINGS).toHaveLength(14);
    const slugs = DEMO_LISTINGS.map((l) => l.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const titles = DEMO_LISTINGS.map((l) => l.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it.each(DEMO_LISTINGS.map((l) => [l.slug, l] as const))("%s: images are WebPs under 200 KB", (slug, listing) => {
    expect(listing.images.length).toBeGreaterThanOrEqual(1);
    expect(listing.images.length).toBeLessThanOrEqual(8);
    expect(listing.images[0]?.file).toBe(`${slug}.webp`);
    const files = listing.images.map((i) => i.file);
    expect(new Set(files).size).toBe(files.length);
    for (const image of listing.images) {
      expect(image.file).toMatch(new RegExp(`^${slug}(-[2-8])?\\.webp$`));
      const path = join(IMAGES, image.file);
      expect(existsSync(path), `${image.file} exists`).toBe(true);
      const bytes = readFileSync(path);
      expect(isWebp(bytes), `${image.file} is a WebP`).toBe(true);
      expect(bytes.length).toBeGreaterThan(1024);
      expect(bytes.length).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
      expect(isLine(image.alt, 1, 200), `alt text of ${image.file}`).toBe(true);
    }
  });

  it("uses every rendered image and has an SVG original for each", () => {
    const listed = new Set(DEMO_LISTINGS.flatMap((l) => l.images.map((i) => i.file)));
    const rendered = readdirSync(IMAGES).filter((f) => f.endsWith(".webp"));
    expect(new Set(rendered)).toEqual(listed);
    for (const file of listed) expect(existsSync(join(ART, file.replace(/\.webp$/, ".svg"))), `${file} has an SVG`).toBe(true);
    expect(listed.size).toBe(16);
  });

  it.each(DEMO_LISTINGS.map((l) => [l.slug, l] as const))("%s: texts are within the limits", (_slug, l) => {
    expect(isLine(l.title, 3, 120), "title").toBe(true);
    expect(isParagraph(l.description, 10, 1500), "description").toBe(true);
    expect(l.description.split(/\n{2,}/).length).toBeLessThanOrEqual(3);
    expect(l.description).not.toMatch(/lorem|ipsum|TODO/i);
    expect(l.attributes.length).toBeGreaterThanOrEqual(2);
    expect(l.attributes.length).toBeLessThanOrEqual(5);
    for (const a of l.attributes) {
      expect(isLine(a.name, 1, 40), `attribute name ${a.name}`).toBe(true);
      expect(isLine(a.value, 1, 200), `attribute value ${a.value}`).toBe(true);
    }
    expect(new Set(l.attributes.map((a) => a.name)).size).toBe(l.attributes.length);
    for (const tag of l.tags ?? []) expect(isLine(tag, 1, 30), `tag ${tag}`).toBe(true);
    expect((l.tags ?? []).length).toBeLessThanOrEqual(10);
    if (l.delivery.regions !== undefined) expect(isLine(l.delivery.regions, 1, 200), "regions").toBe(true);
    if (l.delivery.notes !== undefined) expect(isParagraph(l.delivery.notes, 1, 1000), "delivery notes").toBe(true);
  });

  it.each(DEMO_LISTINGS.map((l) => [l.slug, l] as const))("%s: price and terms are valid", (_slug, l) => {
    expect(l.price).toMatch(/^(0|[1-9]\d*)(\.\d+)?$/);
    const decimals = l.price.split(".")[1]?.length ?? 0;
    expect(decimals).toBeLessThanOrEqual(DECIMALS[l.token]);
    expect(TOKEN_DECIMALS[l.token]).toBe(DECIMALS[l.token]);
    expect(BigInt(l.price.replace(".", "")) > 0n).toBe(true);
    expect(Number.isInteger(l.seller) && l.seller >= 0 && l.seller < DEMO_SELLERS.length).toBe(true);
    expect(Number.isInteger(l.stock) && l.stock >= 1 && l.stock <= 50).toBe(true);
    expect(Number.isInteger(l.fulfillmentDays) && l.fulfillmentDays >= 1 && l.fulfillmentDays <= 14).toBe(true);
    expect(Number.isInteger(l.confirmationDays) && l.confirmationDays >= 2 && l.confirmationDays <= 21).toBe(true);
    expect(Number.isInteger(l.arbiterFeeBps) && l.arbiterFeeBps >= 0 && l.arbiterFeeBps <= 1000).toBe(true);
    if (l.token === "ETH") {
      expect(Number(l.price)).toBeGreaterThanOrEqual(0.005);
      expect(Number(l.price)).toBeLessThanOrEqual(0.5);
    }
  });

  it.each(DEMO_LISTINGS.map((l) => [l.slug, l] as const))("%s: metadata passes the SDK listing schema", (_slug, l) => {
    const document = {
      schema: "souk.listing/1" as const,
      title: l.title,
      description: l.description,
      category: l.category,
      images: l.images.map((i) => ({
        cid: cidOf(readFileSync(join(IMAGES, i.file))),
        type: "image/webp" as const,
        width: 800,
        height: 600,
        alt: i.alt,
      })),
      attributes: l.attributes,
      condition: l.condition,
      delivery: l.delivery,
      tags: l.tags,
    };
    const result = listingMetadataSchema.safeParse(document);
    expect(result.success, result.success ? "" : JSON.stringify(result.error.issues)).toBe(true);
  });

  it("covers the categories, tokens and sellers", () => {
    expect(new Set(DEMO_LISTINGS.map((l) => l.category)).size).toBeGreaterThanOrEqual(8);
    const tokens = DEMO_LISTINGS.map((l) => l.token);
    for (const token of ["ETH", "DUSD", "DGLD"] as const) {
      expect(tokens.filter((t) => t === token).length, token).toBeGreaterThanOrEqual(3);
    }
    for (const seller of DEMO_SELLERS.keys()) {
      expect(DEMO_LISTINGS.filter((l) => l.seller === seller).length).toBeGreaterThanOrEqual(3);
    }
    // The seeder buys two of the first listing left after each seller's first two.
    expect(DEMO_LISTINGS.some((l) => l.stock >= 2)).toBe(true);
  });
});

describe("demo people and texts", () => {
  it("has three sellers, two buyers and an arbiter with distinct names", () => {
    expect(DEMO_SELLERS).toHaveLength(3);
    expect(DEMO_BUYERS).toHaveLength(2);
    const names = [...DEMO_SELLERS, ...DEMO_BUYERS, DEMO_ARBITER].map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(isLine(name, 3, 60), name).toBe(true);
    for (const about of [...DEMO_SELLERS, DEMO_ARBITER].map((p) => p.about)) {
      expect(isParagraph(about, 20, 1000)).toBe(true);
    }
  });

  it("has eight varied reviews of at most 400 characters", () => {
    expect(DEMO_REVIEWS).toHaveLength(8);
    for (const r of DEMO_REVIEWS) {
      expect([1, 2, 3, 4, 5]).toContain(r.score);
      expect(isParagraph(r.text, 20, 400), r.text).toBe(true);
    }
    const scores = DEMO_REVIEWS.map((r) => r.score);
    expect(scores.filter((s) => s >= 4).length).toBeGreaterThanOrEqual(5);
    expect(scores).toContain(3);
    expect(scores.some((s) => s <= 2)).toBe(true);
  });

  it("has replies, evidence and fulfilment notes", () => {
    expect(DEMO_REPLIES).toHaveLength(2);
    for (const text of DEMO_REPLIES) expect(isParagraph(text, 10, 400)).toBe(true);
    expect(isParagraph(DEMO_EVIDENCE.buyer, 20, 2000)).toBe(true);
    expect(isParagraph(DEMO_EVIDENCE.seller, 20, 2000)).toBe(true);
    expect(DEMO_NOTES).toHaveLength(3);
    for (const text of DEMO_NOTES) expect(isParagraph(text, 20, 2000)).toBe(true);
    for (const l of DEMO_LISTINGS) expect(DEMO_NOTES).toContain(demoNoteFor(l));
  });
});
