// The messaging state every page can read (components/messaging/messaging-provider.tsx provides it,
// hooks/use-messaging.ts reads it).
import { createContext } from "react";
import type { Address } from "viem";

import type { Session } from "./session.ts";

export type MessagingState =
  | { status: "disconnected" }
  /** Messaging not started on this device for this account. */
  | { status: "off" }
  | { status: "starting" }
  | { status: "ready"; session: Session }
  | { status: "error"; error: string };

export interface MessagingHandle {
  state: MessagingState;
  account: Address | undefined;
  /** Starts messaging (wallet prompts as needed: see lib/messaging/session.ts); resolves with the session. */
  start: () => Promise<Session>;
}

export const MessagingContext = createContext<MessagingHandle>({
  state: { status: "disconnected" },
  account: undefined,
  start: () => Promise.reject(new Error("Messaging is not available here.")),
});
