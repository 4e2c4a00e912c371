import { useContext, useSyncExternalStore } from "react";

import { MessagingContext, type MessagingHandle } from "../lib/messaging/messaging-context.ts";
import type { MessagingSnapshot } from "../lib/messaging/client.ts";

export function useMessaging(): MessagingHandle {
  return useContext(MessagingContext);
}

const EMPTY: MessagingSnapshot = { loaded: false, messages: [] };
const noop = () => () => undefined;

/** Every message of the running session (empty until messaging runs), re-rendering as messages arrive. */
export function useMessages(): MessagingSnapshot {
  const { state } = useMessaging();
  const client = state.status === "ready" ? state.session.client : undefined;
  return useSyncExternalStore(client?.subscribe ?? noop, client?.getSnapshot ?? (() => EMPTY));
}
