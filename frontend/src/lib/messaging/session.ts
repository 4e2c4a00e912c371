/**
 * Starting messaging on this device for the connected account, with as few wallet prompts as the wallet allows:
 * - a key already kept in this browser: none;
 * - a NIP-07 extension: the extension's key, and one prompt for the binding if it is not published yet;
 * - an externally owned account: one signature derives the key; if the published binding already names that key the
 *   wallet is known to sign deterministically and nothing more is asked; the first time, a second signature checks
 *   that it does, then one more signs the binding (three prompts once per account, one per further device);
 * - a contract wallet, or a wallet that signs differently each time: a new key kept in this browser (with an export
 *   for backup) and one prompt for the binding.
 * No prompt is ever needed to send or read a message.
 */
import {
  bindingTypedData,
  deriveSecretKey,
  extensionSigner,
  keyDerivationTypedData,
  secretKeySigner,
  type Binding,
  type MessagingSigner,
  type Nip07,
  type ProfileView,
} from "@souk/sdk/messaging";
import { generateSecretKey, getPublicKey } from "nostr-tools/pure";
import { getTypesForEIP712Domain, serializeTypedData, type Address, type Hex, type TypedDataDefinition } from "viem";
import { getAccount } from "wagmi/actions";

import { env } from "../../app/env.ts";
import { config } from "../../app/wagmi.ts";
import { MessagingClient } from "./client.ts";
import { loadKey, saveKey, type KeyKind } from "./key-store.ts";
import { getRuntime, rpc } from "./runtime.ts";

export interface Session {
  client: MessagingClient;
  /** How the key is held: a browser key needs the person's backup to be used elsewhere. */
  kind: MessagingSigner["kind"];
}

/** Resumes without any prompt when this browser already holds the account's key; undefined otherwise. */
export async function resumeSession(account: Address): Promise<Session | undefined> {
  const stored = await loadKey(account);
  if (stored === undefined) return undefined;
  return open(account, secretKeySigner(stored.secret, stored.kind));
}

export async function startSession(account: Address): Promise<Session> {
  const resumed = await resumeSession(account);
  if (resumed !== undefined) {
    await ensureBinding(account, resumed.client.signer);
    return resumed;
  }
  const { directory } = getRuntime();
  const published = await directory.byAccount(account);
  const extension = (globalThis as { nostr?: Nip07 }).nostr;
  if (extension !== undefined) {
    const signer = await extensionSigner(extension);
    if (signer !== null) {
      await ensureBinding(account, signer, published);
      return open(account, signer);
    }
  }
  const signer = await createKey(account, published);
  await ensureBinding(account, signer, published);
  return open(account, signer);
}

/** A key of our own: derived from the wallet when it signs deterministically, otherwise new and kept here. */
async function createKey(account: Address, published: ProfileView | undefined): Promise<MessagingSigner> {
  const code = (await rpc({ method: "eth_getCode", params: [account, "latest"] })) as Hex | undefined;
  let secret: Uint8Array | undefined;
  let kind: KeyKind = "browser";
  if (code === undefined || code === "0x") {
    const sign = () => signTyped(account, keyDerivationTypedData(account));
    const first = await sign();
    const candidate = deriveSecretKey(first);
    const matchesPublished = published?.verified === true && published.pubkey === getPublicKey(candidate);
    if (matchesPublished || (await sign()).toLowerCase() === first.toLowerCase()) {
      secret = candidate;
      kind = "derived";
    }
  }
  secret ??= generateSecretKey();
  await saveKey(account, { secret, kind });
  return secretKeySigner(secret, kind);
}

/** Publishes a profile with a new binding unless the account's verified profile already names this key. */
async function ensureBinding(account: Address, signer: MessagingSigner, published?: ProfileView): Promise<void> {
  const { directory } = getRuntime();
  const current = published ?? (await directory.byAccount(account));
  if (current?.verified === true && current.pubkey === signer.pubkey) return;
  const binding = await signBinding(account, signer.pubkey);
  // A new key keeps the name, shop, bio and picture the account already had.
  await directory.publish(signer, current?.verified === true ? current.profile : { displayName: "" }, binding);
}

export async function signBinding(account: Address, nostrPubkey: string): Promise<Binding> {
  const fields = { account, chainId: env.chainId, nostrPubkey, issuedAt: Math.floor(Date.now() / 1000) };
  const signature = await signTyped(account, bindingTypedData(fields));
  return { ...fields, signature };
}

/** eth_signTypedData_v4 straight through the connected wallet (EIP-1193): the same request wagmi would send. */
async function signTyped(account: Address, typedData: TypedDataDefinition): Promise<Hex> {
  const connector = getAccount(config).connector;
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
