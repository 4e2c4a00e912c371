import { useMemo } from "react";

import { summarize, type ConversationSummary } from "../lib/messaging/conversations.ts";
import { blockedKeys, readMessages } from "../lib/messaging/local-state.ts";
import { useCatalogue } from "./use-catalogue.ts";
import { useLocalState } from "./use-local-state.ts";
import { useMessages, useMessaging } from "./use-messaging.ts";
import { useOrderEvents } from "./use-order-events.ts";

/** The connected account's conversations, with unread counts and requests, as the inbox and the header show them. */
export function useInbox(): { loaded: boolean; conversations: ConversationSummary[]; myKey: string | undefined; unread: number } {
  const { state, account } = useMessaging();
  const { messages, loaded } = useMessages();
  const orders = useOrderEvents(account).data?.orders;
  const catalogue = useCatalogue().data;
  const read = useLocalState(() => (account === undefined ? new Set<string>() : readMessages(account)), [account]);
  const blocked = useLocalState(() => (account === undefined ? new Set<string>() : blockedKeys(account)), [account]);
  const myKey = state.status === "ready" ? state.session.client.signer.pubkey : undefined;
  const conversations = useMemo(() => {
    if (myKey === undefined || account === undefined) return [];
    const relations = {
      orders: new Set([...(orders?.keys() ?? [])].map(String)),
      listings: new Set((catalogue?.listings ?? []).filter((l) => l.seller.toLowerCase() === account.toLowerCase()).map((l) => String(l.id))),
    };
    return summarize(messages, myKey, { read, blocked }, relations);
  }, [messages, myKey, account, orders, catalogue, read, blocked]);
  return { loaded, conversations, myKey, unread: conversations.reduce((n, c) => n + c.unread, 0) };
}
