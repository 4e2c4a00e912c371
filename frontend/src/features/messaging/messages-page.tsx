import { orderLabel } from "@souk/sdk/contracts";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { Address } from "viem";

import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { ConnectButton } from "../../components/connect-button.tsx";
import { EmptyState } from "../../components/states.tsx";
import { StartMessaging } from "../../components/messaging/start-messaging.tsx";
import { Thread } from "../../components/messaging/thread.tsx";
import { useInbox } from "../../hooks/use-inbox.ts";
import { useMessaging } from "../../hooks/use-messaging.ts";
import { useProfileByKey } from "../../hooks/use-profile.ts";
import { messagePreview, search, type ConversationSummary } from "../../lib/messaging/conversations.ts";
import { setBlocked } from "../../lib/messaging/local-state.ts";

/** /messages: every conversation, grouped by order and by listing, with unread counts, search, requests and blocking. */
export default function MessagesPage() {
  const { state, account } = useMessaging();
  return (
    <div className="flex flex-col gap-6">
      <title>Messages · Souk</title>
      <h1 className="text-2xl font-bold tracking-tight">Messages</h1>
      {account === undefined || state.status === "disconnected" ? (
        <EmptyState title="Connect your wallet" action={<ConnectButton />}>
          Your conversations with buyers, sellers and arbiters are end-to-end encrypted: connect to read them.
        </EmptyState>
      ) : state.status !== "ready" ? (
        <div className="card p-5">
          <StartMessaging />
        </div>
      ) : (
        <Inbox account={account} />
      )}
    </div>
  );
}

function Inbox({ account }: { account: Address }) {
  const inbox = useInbox();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState("");
  const tab = params.get("tab") === "requests" ? "requests" : "inbox";
  const names = useMemo(() => new Map<string, string>(), []);
  const visible = search(inbox.conversations, query, names).filter((c) => c.request === (tab === "requests"));
  const requests = inbox.conversations.filter((c) => c.request).length;
  const selected = inbox.conversations.find((c) => c.key === params.get("thread"));
  const groups: Array<[string, ConversationSummary[]]> = [
    ["Orders", visible.filter((c) => c.conversation.type === "order")],
    ["Listings", visible.filter((c) => c.conversation.type === "listing")],
  ];
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <div className="card flex flex-col gap-3 p-4">
        <div className="flex gap-1" role="tablist">
          {(["inbox", "requests"] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={`rounded-[var(--radius-control)] px-3 py-1.5 text-sm font-medium ${tab === t ? "bg-brand-soft text-brand" : "hover:bg-surface-muted"}`}
              onClick={() => setParams(t === "requests" ? { tab: t } : {})}
            >
              {t === "inbox" ? "Inbox" : `Requests${requests > 0 ? ` (${requests})` : ""}`}
            </button>
          ))}
        </div>
        <label className="sr-only" htmlFor="message-search">
          Search messages
        </label>
        <input id="message-search" className="input" type="search" placeholder="Search messages" value={query} onChange={(e) => setQuery(e.target.value)} />
        {!inbox.loaded && <p className="text-sm text-muted">Loading…</p>}
        {inbox.loaded && visible.length === 0 && (
          <p className="text-sm text-muted">
            {query !== "" ? "No conversation matches." : tab === "requests" ? "No requests: messages from people you have no order or listing with land here." : "No conversations yet. Ask a seller from a listing page, or message the other side from an order."}
          </p>
        )}
        {groups.map(([label, list]) =>
          list.length === 0 ? null : (
            <div key={label} className="flex flex-col gap-1">
              <h2 className="px-1 text-xs font-semibold tracking-wide text-muted uppercase">{label}</h2>
              <ul className="flex flex-col gap-1" data-testid={`conversations-${label.toLowerCase()}`}>
                {list.map((c) => (
                  <li key={c.key}>
                    <ConversationRow summary={c} active={c.key === selected?.key} onOpen={() => setParams({ ...(tab === "requests" ? { tab } : {}), thread: c.key })} />
                  </li>
                ))}
              </ul>
            </div>
          ),
        )}
      </div>
      {selected === undefined ? (
        <p className="card p-5 text-sm text-muted">Choose a conversation.</p>
      ) : (
        <SelectedThread summary={selected} account={account} />
      )}
    </div>
  );
}

function ConversationRow({ summary, active, onOpen }: { summary: ConversationSummary; active: boolean; onOpen: () => void }) {
  const who = useProfileByKey(summary.counterparts[0]).data;
  const title = summary.conversation.type === "order" ? `Order ${orderLabel(summary.conversation.orderId)}` : `Listing #${summary.conversation.listingId}`;
  return (
    <button
      type="button"
      onClick={onOpen}
      className={`flex w-full flex-col gap-0.5 rounded-[var(--radius-control)] px-3 py-2 text-left text-sm ${active ? "bg-brand-soft" : "hover:bg-surface-muted"}`}
      data-testid="conversation"
    >
      <span className="flex items-center justify-between gap-2">
        <span className="font-semibold">
          {title}
          {who !== undefined && who !== null ? ` · ${who.profile.displayName || `${who.account.slice(0, 6)}…${who.account.slice(-4)}`}` : ""}
        </span>
        {summary.unread > 0 && (
          <span className="rounded-full bg-danger px-1.5 text-xs font-bold text-white" aria-label={`${summary.unread} unread`}>
            {summary.unread}
          </span>
        )}
      </span>
      <span className="truncate text-muted">{messagePreview(summary.last)}</span>
    </button>
  );
}

function SelectedThread({ summary, account }: { summary: ConversationSummary; account: Address }) {
  const counterpart = useProfileByKey(summary.counterparts[0]).data;
  const participants = counterpart === undefined || counterpart === null ? [account] : [account, counterpart.account];
  const conversation = summary.conversation;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {conversation.type === "order" ? (
          <Link className="font-medium text-brand underline" to={`/orders/${conversation.orderId}`}>
            Open order {orderLabel(conversation.orderId)}
          </Link>
        ) : (
          <Link className="font-medium text-brand underline" to={`/listing/${conversation.listingId}`}>
            Open listing #{conversation.listingId}
          </Link>
        )}
        {counterpart !== undefined && counterpart !== null && (
          <>
            <span>with</span> <AddressView address={counterpart.account} />
          </>
        )}
        {summary.counterparts.length === 1 && (
          <Button size="sm" variant="secondary" onClick={() => setBlocked(account, summary.counterparts[0]!, true)}>
            Block
          </Button>
        )}
      </div>
      <Thread
        conversation={conversation}
        participants={participants}
        heading={conversation.type === "order" ? `Order ${orderLabel(conversation.orderId)}` : `About listing #${conversation.listingId}`}
        select={() => summary.messages}
        emptyText="No messages."
      />
    </div>
  );
}
