import type { Message } from "@souk/sdk/messaging";
import { describe, expect, it } from "vitest";

import { messagePreview, search, summarize } from "./conversations.ts";

const ME = "a".repeat(64);
const BUYER = "b".repeat(64);
const STRANGER = "c".repeat(64);

function message(id: string, author: string, recipients: string[], conversation: Message["conversation"], text: string, createdAt: number): Message {
  return {
    id, author, recipients, conversation, createdAt,
    body: { type: "text", text, images: [] },
    rumor: { id, pubkey: author, created_at: createdAt, kind: 14, tags: [], content: text },
  };
}
const listing = (listingId: bigint) => ({ type: "listing" as const, chainId: 31337, listingId });
const order = (orderId: bigint) => ({ type: "order" as const, chainId: 31337, orderId });

describe("inbox conversations", () => {
  const messages = [
    message("1", BUYER, [ME], listing(7n), "Is it still available?", 10),
    message("2", ME, [BUYER], listing(7n), "Yes", 11),
    message("3", BUYER, [ME], order(9n), "Shipped yet?", 12),
    message("4", STRANGER, [ME], listing(99n), "Buy my course", 13),
  ];
  const relations = { orders: new Set(["9"]), listings: new Set(["7"]) };

  it("group by order, and by listing and counterpart; newest first; unread from others only", () => {
    const list = summarize(messages, ME, { read: new Set(["1"]), blocked: new Set() }, relations);
    expect(list.map((c) => [c.conversation.type, c.unread, c.request])).toEqual([
      ["listing", 1, true],
      ["order", 1, false],
      ["listing", 0, false],
    ]);
    expect(list[2]!.counterparts).toEqual([BUYER]);
  });

  it("put strangers with no order or listing relation under requests, and hide blocked accounts", () => {
    const list = summarize(messages, ME, { read: new Set(), blocked: new Set([STRANGER]) }, relations);
    expect(list.some((c) => c.request)).toBe(false);
    expect(list).toHaveLength(2);
  });

  it("search message text and counterpart names, case-insensitively", () => {
    const list = summarize(messages, ME, { read: new Set(), blocked: new Set() }, relations);
    expect(search(list, "SHIPPED", new Map()).map((c) => c.conversation.type)).toEqual(["order"]);
    expect(search(list, "ada", new Map([[STRANGER, "Ada Spammer"]]))).toHaveLength(1);
    expect(search(list, "", new Map())).toHaveLength(3);
  });

  it("preview addresses and forwards without their contents", () => {
    const address = { ...messages[0]!, body: { type: "shipping-address" as const, address: { name: "A", line1: "B", city: "C", postalCode: "D", country: "E" } } };
    expect(messagePreview(address)).toBe("Shipping address");
  });
});
