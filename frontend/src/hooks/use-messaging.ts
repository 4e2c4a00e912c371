import { useSyncExternalStore } from "react";

import type { MessagingSnapshot } from "../lib/messaging/client.ts";
import { getMessaging, subscribeMessaging, type MessagingHandle } from "../lib/messaging/messaging-state.ts";

/** Messaging for the connected account (see lib/messaging/messaging-state.ts), re-rendering as it changes. */
export function useMessaging(): MessagingHandle {
  return useSyncExternalStore(subscribeMessaging, getMessaging);
}

const EMPTY: MessagingSnapshot = { loaded: false, messages: [] };
const noop = () => () => undefined;

/** Every message of the running session (empty until messaging runs), re-rendering as messages arrive. */
export function useMessages(): MessagingSnapshot {
  const { state } = useMessaging();
  const client = state.status === "ready" ? state.session.client : undefined;
  return useSyncExternalStore(client?.subscribe ?? noop, client?.getSnapshot ?? (() => EMPTY));
}
