/**
 * Souk's messages: NIP-17 kind-14 rumors with a conversation tag (`souk`: a listing or an order on a chain) and a
 * type tag. A plain text message is an ordinary NIP-17 message that any Nostr client shows; a shipping address and a
 * forwarded message (the thread re-encrypted to the arbiter in a dispute) carry JSON. Everything received is
 * untrusted: parsed here, size-limited, and rendered as text.
 */
import { getEventHash, validateEvent, type UnsignedEvent } from "nostr-tools/pure";
import { z } from "zod";

import { imageSchema } from "../schemas.ts";
import type { Rumor } from "./gift-wrap.ts";

export const DIRECT_MESSAGE_KIND = 14;
/** Longest message text, in characters. */
export const MAX_MESSAGE_CHARS = 4_000;
export const MAX_MESSAGE_IMAGES = 4;

export type Conversation =
  | { type: "listing"; chainId: number; listingId: bigint }
  | { type: "order"; chainId: number; orderId: bigint };

export function conversationKey(conversation: Conversation): string {
  return conversation.type === "listing"
    ? `listing:${conversation.chainId}:${conversation.listingId}`
    : `order:${conversation.chainId}:${conversation.orderId}`;
}

export function parseConversationKey(key: string): Conversation | null {
  const match = /^(listing|order):(\d{1,12}):(\d{1,78})$/.exec(key);
  if (match === null) return null;
  const chainId = Number(match[2]);
  const id = BigInt(match[3]!);
  return match[1] === "listing" ? { type: "listing", chainId, listingId: id } : { type: "order", chainId, orderId: id };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const field = (max: number, required = true) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !required || s.length > 0, { error: "is required" })
    .refine((s) => !CONTROL.test(s) && !s.includes("\n"), { error: "must be a single line of plain text" });

export const shippingAddressSchema = z.object({
  name: field(100),
  line1: field(200),
  line2: field(200, false).optional(),
  city: field(100),
  postalCode: field(20),
  region: field(100, false).optional(),
  country: field(60),
  phone: field(40, false).optional(),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const messageTextSchema = z
  .string()
  .max(MAX_MESSAGE_CHARS, { error: `A message is at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters.` })
  .refine((s) => !CONTROL.test(s), { error: "A message cannot contain control characters." });

export type MessageBody =
  | { type: "text"; text: string; images: Array<z.infer<typeof imageSchema>> }
  | { type: "shipping-address"; address: ShippingAddress }
  | { type: "forward"; original: Rumor };

export interface Message {
  /** The rumor's id: the same for every copy and every recipient. */
  id: string;
  /** The author's Nostr key (checked against the seal's signature when unwrapped). */
  author: string;
  createdAt: number;
  conversation: Conversation;
  /** Everyone the author addressed, the author excluded. */
  recipients: string[];
  body: MessageBody;
  rumor: Rumor;
}

export class MessageError extends Error {
  override name = "MessageError";
}

/** The rumor (without author) for a message; throws MessageError with a readable reason when it is not allowed. */
export function buildMessage(conversation: Conversation, recipients: readonly string[], body: MessageBody, now = Date.now()): Omit<UnsignedEvent, "pubkey"> {
  const tags: string[][] = [...new Set(recipients)].map((pubkey) => ["p", pubkey]);
  tags.push(["souk", conversationKey(conversation)], ["souk-type", body.type]);
  let content: string;
  if (body.type === "text") {
    const text = messageTextSchema.safeParse(body.text);
    if (!text.success) throw new MessageError(text.error.issues[0]!.message);
    if (body.text.trim() === "" && body.images.length === 0) throw new MessageError("A message needs some text or an image.");
    if (body.images.length > MAX_MESSAGE_IMAGES) throw new MessageError(`At most ${MAX_MESSAGE_IMAGES} images per message.`);
    for (const image of body.images) tags.push(["souk-image", JSON.stringify(imageSchema.parse(image))]);
    content = body.text;
  } else if (body.type === "shipping-address") {
    const address = shippingAddressSchema.safeParse(body.address);
    if (!address.success) {
      const issue = address.error.issues[0]!;
      throw new MessageError(`${String(issue.path[0] ?? "address")} ${issue.message}`);
    }
    content = JSON.stringify(address.data);
  } else {
    content = JSON.stringify(body.original);
  }
  return { kind: DIRECT_MESSAGE_KIND, created_at: Math.floor(now / 1000), tags, content };
}

const tagValue = (rumor: Rumor, name: string) => rumor.tags.find((tag) => tag[0] === name)?.[1];

/** A received rumor as a Souk message, or null when it is not one (other apps' messages, malformed or oversized). */
export function parseMessage(rumor: Rumor, depth = 0): Message | null {
  if (rumor.kind !== DIRECT_MESSAGE_KIND) return null;
  const conversation = parseConversationKey(tagValue(rumor, "souk") ?? "");
  if (conversation === null) return null;
  const recipients = [...new Set(rumor.tags.filter((tag) => tag[0] === "p" && /^[0-9a-f]{64}$/.test(tag[1] ?? "")).map((tag) => tag[1]!))].filter(
    (pubkey) => pubkey !== rumor.pubkey,
  );
  const type = tagValue(rumor, "souk-type") ?? "text";
  let body: MessageBody;
  if (type === "text") {
    if (!messageTextSchema.safeParse(rumor.content).success) return null;
    const images = rumor.tags
      .filter((tag) => tag[0] === "souk-image")
      .slice(0, MAX_MESSAGE_IMAGES)
      .map((tag) => imageSchema.safeParse(safeJson(tag[1] ?? "")))
      .filter((result) => result.success)
      .map((result) => result.data);
    body = { type: "text", text: rumor.content, images };
  } else if (type === "shipping-address") {
    const address = shippingAddressSchema.safeParse(safeJson(rumor.content));
    if (!address.success) return null;
    body = { type: "shipping-address", address: address.data };
  } else if (type === "forward" && depth === 0) {
    const original = safeJson(rumor.content) as Rumor | undefined;
    if (!validateEvent(original) || typeof original.id !== "string" || getEventHash(original) !== original.id) return null;
    // A forward carries one message of the same conversation, never another forward.
    const inner = parseMessage(original, 1);
    if (inner === null || conversationKey(inner.conversation) !== conversationKey(conversation)) return null;
    body = { type: "forward", original };
  } else {
    return null;
  }
  return { id: rumor.id, author: rumor.pubkey, createdAt: rumor.created_at, conversation, recipients, body, rumor };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
