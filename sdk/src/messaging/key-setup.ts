/**
 * Turning messaging on for an account on one device, with the fewest wallet prompts each situation allows. Every key
 * is kept on the device once set up (the caller's `saveKey`), so nothing there depends on the wallet signing the same
 * way again.
 *
 * - A key derived from the wallet, on the account's first device: 2 prompts, the derivation signature and then the
 *   binding. The binding names the messaging key, which exists only once the derivation signature does, so no order
 *   of signatures makes it one.
 * - The same on any later device: 1 prompt, the derivation signature. If the key equals the one the account's
 *   published, verified binding names, the wallet signs deterministically and the person reads their history. If it
 *   differs, the wallet signs differently each time: the caller explains, and offers `importKeyBackup` (0 prompts) or
 *   `replaceKey` (1 prompt; messages encrypted to the old key stay unreadable on this device).
 * - A key made at random in the browser (the person's choice, or a contract wallet): 1 prompt, the binding; later
 *   devices import its backup (0 prompts) or replace it (1 prompt), and are never asked to derive.
 * - A key already kept on this device: 0 prompts (1 if its binding never reached the relays).
 * - A NIP-07 extension: its own key, and 1 prompt for the binding unless it is already published.
 */
import { generateSecretKey, getPublicKey } from "nostr-tools/pure";
import type { Address, Hex } from "viem";

import { bindingTypedData, type Binding } from "./binding.ts";
import { deriveSecretKey, keyDerivationTypedData } from "./keys.ts";
import { extensionSigner, secretKeySigner, type KeyOrigin, type MessagingSigner, type Nip07 } from "./signer.ts";

/** A messaging key kept on a device. */
export interface StoredKey {
  secret: Uint8Array;
  kind: Exclude<KeyOrigin, "extension">;
}

/** The key the account's newest verified binding names, and where its holder said it comes from. */
export interface PublishedKey {
  pubkey: string;
  origin: KeyOrigin | undefined;
}

/** What the wallet is asked to sign here: the derivation message or a binding. */
export type KeySetupTypedData = ReturnType<typeof keyDerivationTypedData> | ReturnType<typeof bindingTypedData>;

export interface KeySetupContext {
  account: Address;
  chainId: number;
  /** The connected wallet's eth_signTypedData_v4: every call is one prompt the person answers. */
  signTypedData(typedData: KeySetupTypedData): Promise<Hex>;
  /** The key named by the account's newest verified binding, if the account has one. */
  publishedKey(): Promise<PublishedKey | undefined>;
  /** Whether the account is a contract wallet (checked with ERC-1271; its signatures need not repeat). */
  isContract(): Promise<boolean>;
  loadKey(): Promise<StoredKey | undefined>;
  saveKey(key: StoredKey): Promise<void>;
  /** Publishes the account's profile signed by `signer` with `binding` (the name, shop, bio and picture kept). */
  publishBinding(signer: MessagingSigner, binding: Binding): Promise<void>;
  /** A NIP-07 browser extension, when the person has one. */
  extension?: Nip07 | undefined;
  /** Seconds since the epoch (the binding's date). */
  now?: () => number;
}

/** How a first device sets its key up: derived from the wallet (the default), or made at random in the browser. */
export type KeyChoice = "wallet" | "browser";

export type KeySetup =
  | { status: "ready"; signer: MessagingSigner }
  /**
   * The account already uses another key, which this device cannot make: `wallet-signs-differently` when this
   * device derived one and it differs from the published one (derived the same way), `key-elsewhere` when the
   * published key was made in a browser or an extension, or when this device keeps a key the account no longer uses.
   */
  | { status: "key-differs"; cause: "wallet-signs-differently" | "key-elsewhere"; published: PublishedKey };

export class KeyBackupMismatchError extends Error {
  override name = "KeyBackupMismatchError";
  constructor() {
    super(
      "This backup holds another messaging key than the one your account uses now. Export the backup again on the device where your messages open, and import that one.",
    );
  }
}

/** Sets the account's messaging key up on this device (see the module's comment for the prompts each way takes). */
export async function setUpMessagingKey(context: KeySetupContext, choice: KeyChoice = "wallet"): Promise<KeySetup> {
  const [stored, published] = await Promise.all([context.loadKey(), context.publishedKey()]);
  if (stored !== undefined) {
    const signer = secretKeySigner(stored.secret, stored.kind);
    if (published !== undefined && published.pubkey !== signer.pubkey) return { status: "key-differs", cause: "key-elsewhere", published };
    if (published === undefined) await publishNewBinding(context, signer);
    return { status: "ready", signer };
  }

  if (context.extension !== undefined) {
    const signer = await extensionSigner(context.extension);
    if (signer !== null) {
      if (published?.pubkey !== signer.pubkey) await publishNewBinding(context, signer);
      return { status: "ready", signer };
    }
  }

  // A key made in a browser or an extension cannot be derived here: no prompt is spent on trying.
  if (published !== undefined && published.origin !== undefined && published.origin !== "derived") {
    return { status: "key-differs", cause: "key-elsewhere", published };
  }
  if (choice === "browser" || (await context.isContract())) return { status: "ready", signer: await replaceKey(context) };

  const secret = deriveSecretKey(await context.signTypedData(keyDerivationTypedData(context.account)));
  const signer = secretKeySigner(secret, "derived");
  if (published !== undefined) {
    // Profiles published before Souk recorded the origin were derived for every wallet that signed alike twice.
    if (published.pubkey !== signer.pubkey) return { status: "key-differs", cause: "wallet-signs-differently", published };
    await context.saveKey({ secret, kind: "derived" });
    return { status: "ready", signer };
  }
  // Kept before the binding is asked for: if the person refuses that prompt, the next try needs only the binding.
  await context.saveKey({ secret, kind: "derived" });
  await publishNewBinding(context, signer);
  return { status: "ready", signer };
}

/**
 * A new key made at random and kept on this device, bound with one prompt. It becomes the account's key: devices
 * holding the previous one keep reading what they already received, but new messages are encrypted to this one.
 */
export async function replaceKey(context: KeySetupContext): Promise<MessagingSigner> {
  const secret = generateSecretKey();
  const signer = secretKeySigner(secret, "browser");
  await context.saveKey({ secret, kind: "browser" });
  await publishNewBinding(context, signer);
  return signer;
}

/**
 * Keeps a key imported from another device's backup: no prompt when it is the account's published key (its origin
 * kept); refused when the account has published another one; bound with one prompt when the account has none.
 */
export async function importKeyBackup(context: KeySetupContext, secret: Uint8Array): Promise<MessagingSigner> {
  const published = await context.publishedKey();
  const pubkey = getPublicKey(secret);
  if (published !== undefined && published.pubkey !== pubkey) throw new KeyBackupMismatchError();
  const kind = published?.origin === "derived" ? "derived" : "browser";
  const signer = secretKeySigner(secret, kind);
  await context.saveKey({ secret, kind });
  if (published === undefined) await publishNewBinding(context, signer);
  return signer;
}

/** The binding for `nostrPubkey`, signed by the account: one prompt. */
export async function signBinding(
  context: Pick<KeySetupContext, "account" | "chainId" | "signTypedData" | "now">,
  nostrPubkey: string,
): Promise<Binding> {
  const fields = { account: context.account, chainId: context.chainId, nostrPubkey, issuedAt: context.now?.() ?? Math.floor(Date.now() / 1000) };
  return { ...fields, signature: await context.signTypedData(bindingTypedData(fields)) };
}

async function publishNewBinding(context: KeySetupContext, signer: MessagingSigner): Promise<void> {
  await context.publishBinding(signer, await signBinding(context, signer.pubkey));
}
