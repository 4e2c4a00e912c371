import { createHash } from "node:crypto";

import { finalizeEvent, generateSecretKey, getPublicKey, type NostrEvent } from "nostr-tools/pure";
import * as nip44 from "nostr-tools/nip44";
import { createWrap } from "nostr-tools/nip59";
import { describe, expect, it } from "vitest";

import { giftWrap, GIFT_WRAP_KIND, unwrapGift, UnwrapError, type Rumor } from "./gift-wrap.ts";
import { buildMessage, MAX_MESSAGE_CHARS, MessageError, parseMessage, type Conversation, type Message, type ShippingAddress } from "./message.ts";
import { secretKeySigner } from "./signer.ts";
import { transcriptBytes, transcriptDigest } from "./transcript.ts";

const ORDER: Conversation = { type: "order", chainId: 31337, orderId: 12n };
const LISTING: Conversation = { type: "listing", chainId: 31337, listingId: 7n };
const ADDRESS: ShippingAddress = { name: "Ada Buyer", line1: "1 Harbour Street", city: "Porto", postalCode: "4000-001", country: "Portugal" };

function person() {
  const secret = generateSecretKey();
  return { secret, pubkey: getPublicKey(secret), signer: secretKeySigner(secret, "browser") };
}

async function send(from: ReturnType<typeof person>, to: string[], conversation: Conversation, text: string) {
  return giftWrap(from.signer, buildMessage(conversation, to, { type: "text", text, images: [] }), to);
}

describe("gift-wrapped messages", () => {
  it("round-trip to the recipient and to the sender's own copy, with the author checked", async () => {
    const buyer = person();
    const seller = person();
    const { rumor, wraps } = await send(buyer, [seller.pubkey], LISTING, "Which colour do you prefer? Blue or red.");
    expect(wraps.map((w) => w.tags)).toEqual([[["p", seller.pubkey]], [["p", buyer.pubkey]]]);
    for (const [wrap, reader] of [[wraps[0]!, seller], [wraps[1]!, buyer]] as const) {
      const opened = await unwrapGift(reader.signer, wrap);
      expect(opened).toEqual(rumor);
      expect(parseMessage(opened)).toMatchObject({
        author: buyer.pubkey,
        conversation: LISTING,
        recipients: [seller.pubkey],
        body: { type: "text", text: "Which colour do you prefer? Blue or red." },
      });
    }
  });

  it("cannot be opened by a third party", async () => {
    const [buyer, seller, stranger] = [person(), person(), person()];
    const { wraps } = await send(buyer, [seller.pubkey], ORDER, "private");
    for (const wrap of wraps) await expect(unwrapGift(stranger.signer, wrap)).rejects.toThrow(UnwrapError);
  });

  it("hide the content, the author and the time from anyone but the recipient", async () => {
    const [buyer, seller] = [person(), person()];
    const before = Math.floor(Date.now() / 1000);
    const { wraps } = await giftWrap(buyer.signer, buildMessage(ORDER, [seller.pubkey], { type: "shipping-address", address: ADDRESS }), [seller.pubkey]);
    for (const wrap of wraps) {
      const visible = JSON.stringify(wrap);
      for (const secret of ["Harbour", "Ada Buyer", "Porto", "order:31337:12"]) expect(visible).not.toContain(secret);
      // The only key in sight is the recipient's (the p tag): the seller's copy never names the buyer.
      const recipient = wrap.tags[0]![1]!;
      for (const key of [buyer.pubkey, seller.pubkey].filter((k) => k !== recipient)) expect(visible).not.toContain(key);
      expect(wrap.pubkey).not.toBe(buyer.pubkey);
      expect(wrap.created_at).toBeLessThanOrEqual(before + 1);
    }
    // Each wrap has its own one-time author.
    expect(new Set(wraps.map((w) => w.pubkey)).size).toBe(wraps.length);
  });

  it("refuse a message whose author is not the seal's signer (impersonation)", async () => {
    const [mallory, victim, seller] = [person(), person(), person()];
    const unsigned = { ...buildMessage(ORDER, [seller.pubkey], { type: "text", text: "refund me", images: [] }), pubkey: victim.pubkey };
    const { getEventHash } = await import("nostr-tools/pure");
    const rumor: Rumor = { ...unsigned, id: getEventHash(unsigned) };
    const seal = finalizeEvent(
      { kind: 13, created_at: rumor.created_at, tags: [], content: nip44.encrypt(JSON.stringify(rumor), nip44.getConversationKey(mallory.secret, seller.pubkey)) },
      mallory.secret,
    );
    await expect(unwrapGift(seller.signer, createWrap(seal, seller.pubkey))).rejects.toThrow(/another author/);
  });

  it("refuse a tampered seal and non-wraps", async () => {
    const [buyer, seller] = [person(), person()];
    const { wraps } = await send(buyer, [seller.pubkey], ORDER, "hello");
    const wrap = wraps[0]!;
    const seal = JSON.parse(nip44.decrypt(wrap.content, nip44.getConversationKey(seller.secret, wrap.pubkey))) as NostrEvent;
    const forgedSeal = { ...seal, created_at: seal.created_at + 1 };
    const ephemeral = generateSecretKey();
    const rewrapped = finalizeEvent(
      { kind: GIFT_WRAP_KIND, created_at: wrap.created_at, tags: wrap.tags, content: nip44.encrypt(JSON.stringify(forgedSeal), nip44.getConversationKey(ephemeral, seller.pubkey)) },
      ephemeral,
    );
    await expect(unwrapGift(seller.signer, rewrapped)).rejects.toThrow(/not validly signed/);
    await expect(unwrapGift(seller.signer, { ...wrap, kind: 1 })).rejects.toThrow(/not a gift wrap/);
  });
});

describe("Souk messages", () => {
  it(`allow at most ${MAX_MESSAGE_CHARS} characters, and some text or an image`, () => {
    const recipient = getPublicKey(generateSecretKey());
    expect(buildMessage(ORDER, [recipient], { type: "text", text: "é".repeat(MAX_MESSAGE_CHARS), images: [] }).content).toHaveLength(MAX_MESSAGE_CHARS);
    expect(() => buildMessage(ORDER, [recipient], { type: "text", text: "x".repeat(MAX_MESSAGE_CHARS + 1), images: [] })).toThrow(/at most 4,000 characters/);
    expect(() => buildMessage(ORDER, [recipient], { type: "text", text: "  ", images: [] })).toThrow(MessageError);
    expect(() => buildMessage(ORDER, [recipient], { type: "text", text: "bell\u0007", images: [] })).toThrow(/control characters/);
  });

  it("validate shipping addresses on both sides", () => {
    const recipient = getPublicKey(generateSecretKey());
    expect(() => buildMessage(ORDER, [recipient], { type: "shipping-address", address: { ...ADDRESS, city: "" } })).toThrow(/city is required/);
    expect(() => buildMessage(ORDER, [recipient], { type: "shipping-address", address: { ...ADDRESS, line1: "a\nb" } })).toThrow(/single line/);
    const author = getPublicKey(generateSecretKey());
    const rumor = (content: string, type = "shipping-address"): Rumor => ({
      kind: 14, created_at: 1, pubkey: author, id: "0".repeat(64), content,
      tags: [["p", recipient], ["souk", "order:31337:12"], ["souk-type", type]],
    });
    expect(parseMessage(rumor(JSON.stringify(ADDRESS)))?.body).toEqual({ type: "shipping-address", address: ADDRESS });
    expect(parseMessage(rumor(JSON.stringify({ ...ADDRESS, country: undefined })))).toBeNull();
    expect(parseMessage(rumor("x".repeat(MAX_MESSAGE_CHARS + 1), "text"))).toBeNull();
    expect(parseMessage(rumor("hi", "unknown-type"))).toBeNull();
    expect(parseMessage({ ...rumor("hi", "text"), tags: [["p", recipient]] })).toBeNull(); // not a Souk conversation
  });

  it("forward one message of the same conversation with its original author, never a forgery or a nested forward", async () => {
    const [buyer, seller, arbiter] = [person(), person(), person()];
    const { rumor } = await send(seller, [buyer.pubkey], ORDER, "Shipped on Monday");
    const forward = (original: unknown, conversation: Conversation = ORDER): Rumor => ({
      kind: 14, created_at: 2, pubkey: buyer.pubkey, id: "1".repeat(64), content: JSON.stringify(original),
      tags: [["p", arbiter.pubkey], ["souk", conversation.type === "order" ? `order:31337:${conversation.orderId}` : "listing:31337:7"], ["souk-type", "forward"]],
    });
    expect(parseMessage(forward(rumor))?.body).toEqual({ type: "forward", original: rumor });
    expect(parseMessage(forward({ ...rumor, content: "Never shipped" }))).toBeNull();
    expect(parseMessage(forward(rumor, LISTING))).toBeNull();
    expect(parseMessage(forward(forward(rumor)))).toBeNull();
  });
});

describe("transcripts", () => {
  async function thread() {
    const [buyer, seller, arbiter] = [person(), person(), person()];
    const messages: Message[] = [];
    for (const [from, to, text] of [[buyer, seller, "Is it still available?"], [seller, buyer, "Yes"], [buyer, seller, "Great"]] as const) {
      const { rumor } = await send(from, [to.pubkey], ORDER, text);
      messages.push(parseMessage({ ...rumor })!);
    }
    return { buyer, seller, arbiter, messages };
  }

  it("have one digest whatever the order and copies, SHA-256 of the exact bytes", async () => {
    const { messages } = await thread();
    const digest = transcriptDigest(messages);
    expect(transcriptDigest([...messages].reverse())).toBe(digest);
    expect(transcriptDigest([...messages, ...messages])).toBe(digest);
    expect(digest).toBe(`0x${createHash("sha256").update(transcriptBytes(messages)).digest("hex")}`);
  });

  it("count a forwarded copy as its original, and change when any message does", async () => {
    const { buyer, arbiter, messages } = await thread();
    const { rumor: fwd } = await giftWrap(buyer.signer, buildMessage(ORDER, [arbiter.pubkey], { type: "forward", original: messages[1]!.rumor }), [arbiter.pubkey]);
    const forwarded = parseMessage(fwd)!;
    expect(transcriptDigest([messages[0]!, forwarded, messages[2]!])).toBe(transcriptDigest(messages));
    const edited = { ...messages[1]!, rumor: { ...messages[1]!.rumor, content: "No" } };
    expect(transcriptDigest([messages[0]!, edited, messages[2]!])).not.toBe(transcriptDigest(messages));
    expect(transcriptDigest(messages.slice(0, 2))).not.toBe(transcriptDigest(messages));
  });
});
