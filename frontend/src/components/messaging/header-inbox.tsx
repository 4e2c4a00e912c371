import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import type { Address } from "viem";

import { useChainTime } from "../../hooks/use-chain-time.ts";
import { useInbox } from "../../hooks/use-inbox.ts";
import { useLocalState } from "../../hooks/use-local-state.ts";
import { useOrderEvents } from "../../hooks/use-order-events.ts";
import { useSavedSearchMatches } from "../../hooks/use-saved-search-matches.ts";
import { messagePreview } from "../../lib/messaging/conversations.ts";
import { markNotificationsSeen, seenNotifications } from "../../lib/messaging/local-state.ts";
import { byNewest, chainNotifications, deadlineNotifications, messageNotifications, type AppNotification } from "../../lib/notifications.ts";
import { savedSearchNotifications } from "../../lib/saved-search-alerts.ts";
import { BellIcon, MessagesLink } from "./header-parts.tsx";
import { ListingAnnouncer } from "./listing-announcer.tsx";

const BROWSER_FLAG = "souk.browser-notifications";

/**
 * The header's messages link with its unread count, and the bell: order events, deadlines within 24 hours, new
 * messages and new listings matching a saved search, unread ones counted; browser notifications when the person
 * turns them on (asked only on that click). Loaded on demand with the chain and messaging code it needs.
 */
export default function HeaderInbox({ account }: { account: Address }) {
  const inbox = useInbox();
  const events = useOrderEvents(account);
  const now = useChainTime();
  const seen = useLocalState(() => seenNotifications(account), [account]);
  const saved = useSavedSearchMatches();

  const notifications = useMemo(() => {
    const data = events.data;
    const chain = data === undefined ? [] : chainNotifications(data.events, data.orders, account);
    const deadlines = data === undefined ? [] : deadlineNotifications(data.orders.values(), account, now);
    const messages = messageNotifications(
      inbox.conversations.flatMap((c) =>
        c.unread === 0
          ? []
          : c.messages.slice(-c.unread).map((m) => ({
              id: m.id,
              author: m.author,
              createdAt: m.createdAt,
              preview: messagePreview(m).slice(0, 120),
              href: m.conversation.type === "order" ? `/orders/${m.conversation.orderId}` : `/messages?thread=${encodeURIComponent(c.key)}`,
            })),
      ),
      inbox.myKey,
    );
    const searches = savedSearchNotifications(saved.searches, saved.fresh);
    return [...chain, ...deadlines, ...messages, ...searches].sort(byNewest);
  }, [events.data, account, now, inbox.conversations, inbox.myKey, saved.searches, saved.fresh]);

  // The first visit counts everything that already happened as seen: the bell is about what is new.
  useEffect(() => {
    if (seen === undefined && events.isSuccess) markNotificationsSeen(account, notifications.map((n) => n.id));
  }, [seen, events.isSuccess, account, notifications]);

  const unread = seen === undefined ? [] : notifications.filter((n) => !seen.has(n.id));
  useBrowserNotifications(unread);

  return (
    <>
      <ListingAnnouncer account={account} />
      <MessagesLink unread={inbox.unread} />
      <Bell notifications={notifications} unread={unread} onOpen={() => markNotificationsSeen(account, notifications.map((n) => n.id))} />
    </>
  );
}

function Bell({ notifications, unread, onOpen }: { notifications: AppNotification[]; unread: AppNotification[]; onOpen: () => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const unreadIds = useMemo(() => new Set(unread.map((n) => n.id)), [unread]);
  // What was unread when the panel opened stays highlighted while it is open.
  const [highlight, setHighlight] = useState<Set<string>>(new Set());
  return (
    <div className="relative">
      <button
        type="button"
        className="relative rounded-[var(--radius-control)] px-2 py-1.5 hover:bg-surface-muted"
        aria-label={unread.length > 0 ? `Notifications, ${unread.length} unread` : "Notifications"}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => {
          if (!open) {
            setHighlight(unreadIds);
            onOpen();
          }
          setOpen(!open);
        }}
      >
        <BellIcon />
        {unread.length > 0 && (
          <span className="absolute -right-1 -top-1 min-w-5 rounded-full bg-danger px-1 text-center text-xs font-bold text-white" data-testid="notification-count">
            {unread.length > 99 ? "99+" : unread.length}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} role="dialog" aria-label="Notifications" className="card absolute right-0 z-40 mt-2 w-80 max-w-[90vw] p-2 shadow-lg">
          <BrowserNotificationsToggle />
          {notifications.length === 0 ? (
            <p className="p-3 text-sm text-muted">Nothing yet. Orders, disputes and messages that concern you show up here.</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto" data-testid="notification-list">
              {notifications.slice(0, 50).map((n) => (
                <li key={n.id}>
                  <Link
                    to={n.href}
                    onClick={() => setOpen(false)}
                    className={`block rounded px-3 py-2 text-sm hover:bg-surface-muted ${highlight.has(n.id) ? "bg-brand-soft" : ""}`}
                  >
                    <span className="block font-medium">{n.title}</span>
                    {n.body !== "" && <span className="block truncate text-muted">{n.body}</span>}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function BrowserNotificationsToggle() {
  const supported = typeof Notification !== "undefined";
  const [enabled, setEnabled] = useState(() => supported && Notification.permission === "granted" && localStorage.getItem(BROWSER_FLAG) === "1");
  if (!supported) return null;
  if (Notification.permission === "denied") {
    return <p className="px-3 pb-2 text-xs text-muted">Browser notifications are blocked for this site in your browser settings.</p>;
  }
  return (
    <button
      type="button"
      className="mb-1 w-full rounded px-3 py-1.5 text-left text-xs font-medium text-brand hover:bg-surface-muted"
      onClick={async () => {
        if (enabled) {
          localStorage.removeItem(BROWSER_FLAG);
          setEnabled(false);
          return;
        }
        // Asked only here, after the person's click.
        const permission = await Notification.requestPermission();
        if (permission === "granted") {
          localStorage.setItem(BROWSER_FLAG, "1");
          setEnabled(true);
        }
      }}
    >
      {enabled ? "Turn off browser notifications" : "Turn on browser notifications"}
    </button>
  );
}

/** Shows each newly unread notification once as a browser notification, when turned on. */
function useBrowserNotifications(unread: AppNotification[]): void {
  const shown = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    const ids = unread.map((n) => n.id);
    if (shown.current === undefined) {
      shown.current = new Set(ids);
      return;
    }
    const on = typeof Notification !== "undefined" && Notification.permission === "granted" && localStorage.getItem(BROWSER_FLAG) === "1";
    for (const n of unread) {
      if (shown.current.has(n.id)) continue;
      shown.current.add(n.id);
      if (on) new Notification(n.title, { body: n.body, tag: n.id });
    }
  }, [unread]);
}
