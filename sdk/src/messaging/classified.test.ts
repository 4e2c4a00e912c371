import { generateSecretKey, getPublicKey, verifyEvent } from "nostr-tools/pure";
import { describe, expect, it } from "vitest";

import { buildClassifiedEvent, classifiedFingerprint, classifiedIdentifier, CLASSIFIED_KIND, type ClassifiedListing } from "./classified.ts";
import { secretKeySigner } from "./signer.ts";

const LISTING: ClassifiedListing = {
  chainId: 31337,
  registry: "0xE7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  listingId: 42n,
  title: "Walnut chess set",
  description: "Hand-turned boxwood pieces.\nBoard 40 × 40 cm, felted.",
  category: "Toys & Games",
  tags: ["chess", "Board game", "chess"],
  price: 160_500_000_000_000_000_000n,
  decimals: 18,
  symbol: "DGLD",
  images: ["https://gateway.example/ipfs/bafkreiabc"],
  url: "https://souk.example/listing/42",
  active: true,
  publishedAt: 1_760_000_000,
};

const tag = (event: { tags: string[][] }, name: string) => event.tags.filter((t) => t[0] === name).map((t) => t.slice(1));

describe("NIP-99 classified listing", () => {
  it("is a kind-30402 event addressed by chain, registry and listing, with the fields NIP-99 names", () => {
    const event = buildClassifiedEvent(LISTING, 1_760_000_123_456);
    expect(event.kind).toBe(CLASSIFIED_KIND);
    expect(event.created_at).toBe(1_760_000_123);
    expect(tag(event, "d")).toEqual([["souk:31337:0xe7f1725e7734ce288f8367e1bb143e90bb3f0512:42"]]);
    expect(tag(event, "title")).toEqual([["Walnut chess set"]]);
    expect(tag(event, "summary")).toEqual([["Hand-turned boxwood pieces."]]);
    expect(tag(event, "published_at")).toEqual([["1760000000"]]);
    expect(tag(event, "price")).toEqual([["160.5", "DGLD"]]);
    expect(tag(event, "status")).toEqual([["active"]]);
    expect(tag(event, "image")).toEqual([["https://gateway.example/ipfs/bafkreiabc"]]);
    expect(tag(event, "t")).toEqual([["toys-games"], ["chess"], ["board-game"]]);
    expect(tag(event, "r")).toEqual([["https://souk.example/listing/42"]]);
    expect(event.content).toContain("Board 40 × 40 cm, felted.");
    expect(event.content).toContain("the on-chain listing is the authority: https://souk.example/listing/42");
  });

  it("closing or selling out changes the announcement (status sold), the same listing keeps its address", () => {
    const open = buildClassifiedEvent(LISTING);
    const sold = buildClassifiedEvent({ ...LISTING, active: false });
    expect(tag(sold, "status")).toEqual([["sold"]]);
    expect(tag(sold, "d")).toEqual(tag(open, "d"));
    expect(classifiedFingerprint(sold)).not.toBe(classifiedFingerprint(open));
    // Only the time differs between two builds of the same state: nothing to publish again.
    expect(classifiedFingerprint(buildClassifiedEvent(LISTING, 1))).toBe(classifiedFingerprint(buildClassifiedEvent(LISTING, 2)));
    expect(classifiedIdentifier(1, LISTING.registry, 42n)).not.toBe(tag(open, "d")[0]![0]);
  });

  it("is signed by the seller's messaging key like any Nostr event", async () => {
    const secret = generateSecretKey();
    const signed = await secretKeySigner(secret, "browser").signEvent(buildClassifiedEvent(LISTING));
    expect(signed.pubkey).toBe(getPublicKey(secret));
    expect(verifyEvent(signed)).toBe(true);
  });
});
