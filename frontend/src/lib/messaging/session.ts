/**
 * Messaging sessions for the connected account on this device. Which key, and how many wallet prompts it takes, is
 * decided by the SDK (`@souk/sdk/messaging`, key-setup.ts): derived from the wallet, 2 prompts on the account's first
 * device and 1 on each later one; a key made in this browser, 1 prompt; a key already kept here, none. This module
 * connects that decision to the wallet (eth_signTypedData_v4), this browser's key store (IndexedDB), the relays
 * (profiles and bindings) and the chain (is the account a contract?). No prompt is ever needed to send or read.
 */
import {
  importKeyBackup,
  replaceKey,
  secretKeySigner,
  setUpMessagingKey,
  type KeyChoice,
  type KeySetup,
  type KeySetupContext,
  type MessagingSigner,
  type Nip07,
} from "@souk/sdk/messaging";
import { getTypesForEIP712Domain, serializeTypedData, type Address, type Hex, type TypedDataDefinition } from "viem";
import { getConnection } from "wagmi/actions";

import { env } from "../../app/env.ts";
import { config } from "../../app/wagmi.ts";
import { MessagingClient } from "./client.ts";
import { importSecret, loadKey, saveKey } from "./key-store.ts";
import { getRuntime, rpc } from "./runtime.ts";

export interface Session {
  client: MessagingClient;
  /** How the key is held: a browser key needs the person's backup to be used elsewhere. */
  kind: MessagingSigner["kind"];
}

export type StartResult = { status: "ready"; session: Session } | Exclude<KeySetup, { status: "ready" }>;

/** Resumes without any prompt when this browser already holds the account's key; undefined otherwise. */
export async function resumeSession(account: Address): Promise<Session | undefined> {
  const stored = await loadKey(account);
  if (stored === undefined) return undefined;
  return open(account, secretKeySigner(stored.secret, stored.kind));
}

/** Turns messaging on here: a session, or why the account's current key cannot be made on this device. */
export async function startSession(account: Address, choice: KeyChoice): Promise<StartResult> {
  const setup = await setUpMessagingKey(keySetupContext(account), choice);
  return setup.status === "ready" ? { status: "ready", session: open(account, setup.signer) } : setup;
}

/** A new key for the account, made and kept here (one prompt: its binding). */
export async function replaceSessionKey(account: Address): Promise<Session> {
  return open(account, await replaceKey(keySetupContext(account)));
}

/** The key from another device's backup (`nsec1…`): no prompt when it is the account's key. */
export async function importSessionKey(account: Address, backup: string): Promise<Session> {
  return open(account, await importKeyBackup(keySetupContext(account), importSecret(backup)));
}

function keySetupContext(account: Address): KeySetupContext {
  const { directory } = getRuntime();
  return {
    account,
    chainId: env.chainId,
    signTypedData: (typedData) => signTyped(account, typedData),
    publishedKey: async () => {
      const view = await directory.byAccount(account);
      return view?.verified === true ? { pubkey: view.pubkey, origin: view.keyOrigin } : undefined;
    },
    isContract: async () => {
      const code = (await rpc({ method: "eth_getCode", params: [account, "latest"] })) as Hex | undefined;
      return code !== undefined && code !== "0x";
    },
    loadKey: () => loadKey(account),
    saveKey: (key) => saveKey(account, key),
    publishBinding: async (signer, binding) => {
      const current = await directory.byAccount(account);
      // A new key keeps the name, shop, bio and picture the account already had.
      await directory.publish(signer, current?.verified === true ? current.profile : { displayName: "" }, binding);
    },
    extension: (globalThis as { nostr?: Nip07 }).nostr,
  };
}

/** eth_signTypedData_v4 straight through the connected wallet (EIP-1193): the same request wagmi would send. */
async function signTyped(account: Address, typedData: TypedDataDefinition): Promise<Hex> {
  const connector = getConnection(config).connector;
  if (connector === undefined) throw new Error("Connect a wallet first.");
  const provider = (await connector.getProvider()) as { request(args: { method: string; params: unknown[] }): Promise<unknown> };
  // Wallets read the domain's fields from an explicit EIP712Domain type (viem's serializer needs it too).
  const full = { ...typedData, types: { EIP712Domain: getTypesForEIP712Domain({ domain: typedData.domain }), ...typedData.types } } as unknown as TypedDataDefinition;
  return (await provider.request({ method: "eth_signTypedData_v4", params: [account, serializeTypedData(full)] })) as Hex;
}

function open(account: Address, signer: MessagingSigner): Session {
  const { pool, directory } = getRuntime();
  const client = new MessagingClient(account, signer, pool, directory);
  client.start();
  return { client, kind: signer.kind };
}
