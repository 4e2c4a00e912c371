import { CLASSIFIED_KIND, secretKeySigner } from "@souk/sdk/messaging";
import { generateSecretKey, verifyEvent, type NostrEvent } from "nostr-tools/pure";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { IndexedListing } from "../indexer.ts";
import { announceListings, classifiedOf, type AnnouncementContext } from "./listing-announcements.ts";

const ETH = "0x0000000000000000000000000000000000000000";
const CONTEXT: AnnouncementContext = {
  chainId: 31337,
  registry: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  origin: "https://souk.example",
  gateway: "https://gw.example",
  token: (address) => (address === ETH ? { symbol: "ETH", decimals: 18 } : undefined),
};

function item(id: string, overrides: Partial<IndexedListing> = {}): IndexedListing {
  return {
    id,
    token: ETH,
    price: "250000000000000000",
    stock: "2",
    closed: false,
    createdAt: 1_760_000_000,
    metadata: {
      cid: "bafkreie",
      digest: `0x${"ab".repeat(32)}`,
      status: "valid",
      content: { schema: "souk.listing/1", title: `Lamp ${id}`, description: "Brass.", category: "Home & Garden", images: [{ cid: "bafkreiimg", alt: "a lamp" }], attributes: [] },
    },
    ...overrides,
  } as IndexedListing;
}

const tagOf = (event: NostrEvent, name: string) => event.tags.find((t) => t[0] === name)?.[1];

afterEach(() => localStorage.clear());

describe("listing announcements (NIP-99)", () => {
  it("describes a listing from its verified document: price in the token, pictures from the gateway, link to the dApp", () => {
    expect(classifiedOf(item("7"), CONTEXT)).toMatchObject({
      listingId: 7n,
      title: "Lamp 7",
      symbol: "ETH",
      decimals: 18,
      images: ["https://gw.example/ipfs/bafkreiimg"],
      url: "https://souk.example/listing/7",
      active: true,
    });
    expect(classifiedOf(item("8", { stock: "0" }), CONTEXT)?.active).toBe(false);
    expect(classifiedOf(item("9", { token: "0x1111111111111111111111111111111111111111" }), CONTEXT)).toBeUndefined();
    expect(classifiedOf(item("10", { metadata: { ...item("10").metadata, status: "invalid" } }), CONTEXT)).toBeUndefined();
  });

  it("publishes open listings once, again when one sells out, never a listing that was never open to announce", async () => {
    const signer = secretKeySigner(generateSecretKey(), "browser");
    const publish = vi.fn(async (_event: NostrEvent) => ["ws://relay"]);

    const first = await announceListings([item("1"), item("2", { closed: true })], CONTEXT, signer, publish);
    expect(first.map((e) => tagOf(e, "title"))).toEqual(["Lamp 1"]);
    expect(first[0]!.kind).toBe(CLASSIFIED_KIND);
    expect(verifyEvent(first[0]!)).toBe(true);

    expect(await announceListings([item("1"), item("2", { closed: true })], CONTEXT, signer, publish)).toEqual([]);

    const soldOut = await announceListings([item("1", { stock: "0" })], CONTEXT, signer, publish);
    expect(soldOut.map((e) => [tagOf(e, "d"), tagOf(e, "status")])).toEqual([[tagOf(first[0]!, "d"), "sold"]]);
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it("a refused publication is tried again next round", async () => {
    const signer = secretKeySigner(generateSecretKey(), "browser");
    await expect(announceListings([item("1")], CONTEXT, signer, async () => Promise.reject(new Error("no relay")))).rejects.toThrow("no relay");
    const publish = vi.fn(async (_event: NostrEvent) => ["ws://relay"]);
    expect(await announceListings([item("1")], CONTEXT, signer, publish)).toHaveLength(1);
  });
});
