/**
 * The inbox's view of messages: grouped into conversations (one per order; one per listing and counterpart), with
 * unread counts, "requests" (people with no order or listing relation to me), blocking and search. Pure functions of
 * messages and local state.
 */
import type { Conversation, Message } from "@souk/sdk/messaging";

export interface Relations {
  /** Orders where I am buyer, seller or arbiter (ids as strings). */
  orders: ReadonlySet<string>;
  /** Listings I sell (ids as strings). */
  listings: ReadonlySet<string>;
}

export interface ConversationSummary {
  key: string;
  conversation: Conversation;
  /** The other people's messaging keys. */
  counterparts: string[];
  messages: Message[];
  last: Message;
  unread: number;
  /** From someone with no order or listing relation to me: shown apart, under "Requests". */
  request: boolean;
}

export function threadKey(conversation: Conversation, participants: Iterable<string>): string {
  if (conversation.type === "order") return `order:${conversation.chainId}:${conversation.orderId}`;
  return `listing:${conversation.chainId}:${conversation.listingId}:${[...new Set(participants)].sort().join(",")}`;
}

/** The text a message shows in lists and searches. */
export function messagePreview(message: Message): string {
  const body = message.body.type === "forward" ? { type: "text" as const, text: "(forwarded message)", images: [] } : message.body;
  if (body.type === "shipping-address") return "Shipping address";
  return body.text === "" ? "Picture" : body.text;
}

export function summarize(
  messages: readonly Message[],
  me: string,
  state: { read: ReadonlySet<string>; blocked: ReadonlySet<string> },
  relations: Relations,
): ConversationSummary[] {
  const groups = new Map<string, Message[]>();
  for (const message of messages) {
    if (state.blocked.has(message.author)) continue;
    const key = threadKey(message.conversation, [message.author, ...message.recipients]);
    const list = groups.get(key) ?? [];
    list.push(message);
    groups.set(key, list);
  }
  const summaries: ConversationSummary[] = [];
  for (const [key, list] of groups) {
    const last = list[list.length - 1]!;
    const conversation = last.conversation;
    const counterparts = [...new Set(list.flatMap((m) => [m.author, ...m.recipients]))].filter((p) => p !== me);
    const startedByMe = list[0]!.author === me;
    const related =
      conversation.type === "order" ? relations.orders.has(String(conversation.orderId)) : startedByMe || relations.listings.has(String(conversation.listingId));
    summaries.push({
      key,
      conversation,
      counterparts,
      messages: list,
      last,
      unread: list.filter((m) => m.author !== me && !state.read.has(m.id)).length,
      request: !related,
    });
  }
  return summaries.sort((a, b) => b.last.createdAt - a.last.createdAt);
}

/** Conversations whose messages (or the given names of their counterparts) contain the query, case-insensitively. */
export function search(summaries: readonly ConversationSummary[], query: string, names: ReadonlyMap<string, string>): ConversationSummary[] {
  const q = query.trim().toLowerCase();
  if (q === "") return [...summaries];
  return summaries.filter(
    (s) =>
      s.messages.some((m) => messagePreview(m).toLowerCase().includes(q)) ||
      s.counterparts.some((p) => (names.get(p) ?? "").toLowerCase().includes(q)) ||
      `#${s.conversation.type === "order" ? s.conversation.orderId : s.conversation.listingId}`.includes(q),
  );
}
