/**
 * A deterministic catalogue for benchmarks: listings with varied titles, descriptions, tags, categories and
 * prices built from word lists (a few with accented words), so that search has realistic work to do: common and
 * rare words, plurals, accents, every category, ETH and both demo tokens.
 */
import { CATEGORIES, type Category } from "@souk/sdk";

import type { ListingInput } from "../local/market-writer.ts";

const NOUNS: Record<Category, string[]> = {
  Electronics: ["headphones", "camera", "speaker", "charger", "keyboard", "monitor", "turntable", "radio", "tablet", "projector"],
  "Home & Garden": ["lamp", "teapot", "vase", "planter", "rug", "mirror", "kettle", "cushion", "clock", "bench"],
  Fashion: ["scarf", "jacket", "boots", "handbag", "sweater", "belt", "hat", "gloves", "dress", "sneakers"],
  "Books & Media": ["novel", "atlas", "cookbook", "vinyl record", "comic", "encyclopedia", "poetry collection", "biography", "journal", "map"],
  "Art & Collectibles": ["painting", "print", "sculpture", "poster", "coin", "stamp album", "figurine", "etching", "mosaic", "tapestry"],
  "Sports & Outdoors": ["bicycle", "tent", "backpack", "kayak paddle", "climbing rope", "skis", "helmet", "yoga mat", "fishing rod", "compass"],
  "Toys & Games": ["chess set", "puzzle", "board game", "kite", "train set", "doll house", "marble run", "card deck", "rocking horse", "yo-yo"],
  "Food & Drink": ["coffee beans", "olive oil", "honey", "tea leaves", "hot sauce", "chocolate", "spice blend", "jam", "sourdough starter", "maple syrup"],
  Services: ["website design", "guitar lesson", "bike repair", "logo design", "translation", "photo editing", "tutoring session", "furniture assembly", "garden care", "tax advice"],
  "Digital goods": ["font family", "icon pack", "e-book", "preset bundle", "sound library", "template kit", "3d model", "wallpaper set", "course", "plugin"],
  Other: ["mystery box", "gift card", "spare parts", "storage crate", "tool kit", "rope", "sticker sheet", "keychain", "tote", "candle"],
};
const ADJECTIVES = ["vintage", "handmade", "restored", "compact", "classic", "organic", "minimal", "rustic", "limited", "wireless",
  "portable", "refurbished", "oversized", "lightweight", "waterproof", "antique", "modern", "folding", "signed", "hand-painted"];
const MATERIALS = ["walnut", "brass", "leather", "wool", "ceramic", "steel", "linen", "bamboo", "copper", "oak",
  "glass", "cotton", "marble", "suède", "crème", "rosé", "velvet", "cork", "titanium", "porcelain"];
const PHRASES = [
  "Kept in a smoke-free home and packed with care.",
  "Shows light signs of use that do not affect how it works.",
  "Made in a small workshop from sustainably sourced materials.",
  "Comes with the original box and a short handwritten note.",
  "Tested thoroughly before listing; photos show the actual item.",
  "Ships within two working days, tracked and insured.",
  "Local pick-up is welcome for anyone nearby.",
  "A thoughtful gift for collectors and first-time buyers alike.",
  "Cleaned, checked and ready to use from the day it arrives.",
  "Ask questions before buying: every answer goes in the listing.",
];

/** A small, fast, seeded PRNG (mulberry32), so that every run publishes the same catalogue. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedListing extends ListingInput {
  category: Category;
}

/** Listing `index` of the benchmark catalogue, priced in `tokens[...]` (ETH first), all its units in base units. */
export function benchListing(index: number, tokens: ReadonlyArray<{ address: `0x${string}`; decimals: number }>): GeneratedListing {
  const next = random(index + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const category = CATEGORIES[index % CATEGORIES.length]!;
  const noun = pick(NOUNS[category]);
  const adjective = pick(ADJECTIVES);
  const material = pick(MATERIALS);
  const title = `${adjective[0]!.toUpperCase()}${adjective.slice(1)} ${material} ${noun}, no. ${index + 1}`;
  const description = [
    `A ${adjective} ${noun} in ${material}.`,
    pick(PHRASES),
    pick(PHRASES),
    `Batch ${Math.floor(index / 1000)}, item ${index % 1000}.`,
  ].join(" ");
  const token = tokens[index % tokens.length]!;
  const price = (BigInt(1 + Math.floor(next() * 9_999)) * 10n ** BigInt(token.decimals)) / 100n;
  return {
    title,
    description,
    category,
    tags: [noun.split(" ")[0]!, material, adjective],
    token: token.address,
    price,
    stock: BigInt(1 + Math.floor(next() * 20)),
  };
}
