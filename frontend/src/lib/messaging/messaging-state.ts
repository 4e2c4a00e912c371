/**
 * Messaging for the connected account, one state for the whole page, outside React: nothing in the first page holds
 * it. This module loads with the first component that needs messaging (the header's bell, a thread, the inbox); it
 * then follows the wallet's account and, on a device where that account started messaging before (a flag in
 * localStorage), resumes without a prompt. Everything heavier (the session, the relays, nostr-tools' crypto) comes
 * through the one lazily imported messaging entry.
 */
import type { KeyChoice, PublishedKey } from "@souk/sdk/messaging";
import type { Address } from "viem";
import { getConnection, watchConnection } from "wagmi/actions";

import { loadMessaging } from "../../app/load-messaging.ts";
import { queryClient } from "../../app/providers.tsx";
import { config } from "../../app/wagmi.ts";
import type { Session, StartResult } from "./session.ts";

export type MessagingState =
  | { status: "disconnected" }
  /** Messaging not started on this device for this account. */
  | { status: "off" }
  | { status: "starting" }
  /** The account already uses a key this device cannot make: the person imports its backup or replaces it. */
  | { status: "key-differs"; cause: "wallet-signs-differently" | "key-elsewhere"; published: PublishedKey }
  | { status: "ready"; session: Session }
  | { status: "error"; error: string };

export interface MessagingHandle {
  state: MessagingState;
  account: Address | undefined;
  /** Turns messaging on: a key derived from the wallet (the default) or made in this browser. */
  start: (choice?: KeyChoice) => Promise<void>;
  /** A new key for the account, made here (one prompt); messages encrypted to the old key stay unreadable here. */
  replaceKey: () => Promise<void>;
  /** The key from another device's backup (no prompt when it is the account's key). */
  importBackup: (backup: string) => Promise<void>;
}

const flag = (account: Address) => `souk.messaging.${account.toLowerCase()}`;

const listeners = new Set<() => void>();
let account: Address | undefined;
let state: MessagingState = { status: "disconnected" };
/** Bumped on every account change: work started for a previous account is dropped when it finishes. */
let generation = 0;

function set(next: MessagingState): void {
  if (state.status === "ready" && (next.status !== "ready" || next.session !== state.session)) state.session.client.stop();
  state = next;
  handle = { ...handle, state, account };
  for (const listener of listeners) listener();
}

function follow(address: Address | undefined): void {
  if (address?.toLowerCase() === account?.toLowerCase()) return;
  account = address;
  const mine = ++generation;
  if (address === undefined) return set({ status: "disconnected" });
  if (localStorage.getItem(flag(address)) !== "1") return set({ status: "off" });
  set({ status: "starting" });
  loadMessaging()
    .then(({ resumeSession }) => resumeSession(address))
    .then((session) => {
      if (mine !== generation) session?.client.stop();
      else set(session === undefined ? { status: "off" } : { status: "ready", session });
    })
    .catch((error: unknown) => mine === generation && set({ status: "error", error: String(error) }));
}

/**
 * Runs one way of turning messaging on. Until it ends the state says "starting", unless a session already runs (a
 * backup imported or a key replaced from the profile page): that one keeps running until the new one replaces it.
 * On a refusal in the wallet or an error, nothing changes.
 */
async function run(action: (address: Address, entry: Awaited<ReturnType<typeof loadMessaging>>) => Promise<StartResult>): Promise<void> {
  const address = account;
  if (address === undefined) throw new Error("Connect a wallet first.");
  const before = state;
  const mine = generation;
  if (before.status !== "ready") set({ status: "starting" });
  let result: StartResult;
  try {
    result = await action(address, await loadMessaging());
  } catch (error) {
    if (mine === generation && before.status !== "ready") set(before);
    throw error;
  }
  if (mine !== generation) {
    if (result.status === "ready") result.session.client.stop();
    return;
  }
  if (result.status !== "ready") return set(result);
  localStorage.setItem(flag(address), "1");
  // Starting may have published the account's binding: profiles read before it are stale.
  await queryClient.invalidateQueries({ queryKey: ["profile"] });
  set({ status: "ready", session: result.session });
}

let handle: MessagingHandle = {
  state,
  account,
  start: async (choice = "wallet") => {
    if (state.status !== "ready") await run((address, entry) => entry.startSession(address, choice));
  },
  replaceKey: () => run(async (address, entry) => ({ status: "ready", session: await entry.replaceSessionKey(address) })),
  importBackup: (backup) => run(async (address, entry) => ({ status: "ready", session: await entry.importSessionKey(address, backup) })),
};

watchConnection(config, { onChange: (connection) => follow(connection.address) });
follow(getConnection(config).address);

export function subscribeMessaging(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getMessaging(): MessagingHandle {
  return handle;
}
