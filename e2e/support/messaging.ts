/**
 * Helpers for e2e/messaging.spec.ts: turning messages on in a person's browser, reading what the relay stored (its
 * SQLite file, opened read-only), deriving a person's messaging key the way their browser does (to check who can and
 * cannot decrypt), publishing a profile straight to the relay for set-up, and timing a message from send to shown.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

import type { Page } from "@playwright/test";
import {
  accountTag,
  bindingTypedData,
  buildProfileEvent,
  deriveSecretKey,
  GIFT_WRAP_KIND,
  keyDerivationTypedData,
  parseMessage,
  secretKeySigner,
  unwrapGift,
  type Binding,
  type Message,
  type Profile,
} from "@souk/sdk/messaging";
import { SimplePool } from "nostr-tools/pool";
import { finalizeEvent, getPublicKey, type NostrEvent } from "nostr-tools/pure";
import type { LocalAccount } from "viem";

import { expect } from "./fixtures.ts";
import type { Stack } from "./stack.ts";

/** Clicks "Turn on messages" in the part of the page given, and waits until messaging runs. */
export async function turnOnMessages(page: Page): Promise<void> {
  const button = page.getByRole("button", { name: "Turn on messages" }).first();
  await button.click();
  await expect(page.getByTestId("start-messaging")).toHaveCount(0, { timeout: 30_000 });
}

/** The messaging key a person's browser derives from their wallet (the same EIP-712 signature, the same HKDF). */
export async function messagingKeyOf(account: LocalAccount): Promise<Uint8Array> {
  return deriveSecretKey(await account.signTypedData!(keyDerivationTypedData(account.address)));
}

/** Every event the relay stored, as rows of its SQLite file (read-only, alongside the running relay). */
export function relayRows(stack: Stack): Array<{ id: string; pubkey: string; kind: number; json: string; tags: string | null }> {
  const db = new DatabaseSync(path.join(stack.relayDataDir, "events.sqlite"), { readOnly: true });
  try {
    return db
      .prepare("SELECT id, pubkey, kind, json, (SELECT group_concat(name || '=' || value, ' ') FROM tags WHERE event_id = events.id) AS tags FROM events")
      .all() as Array<{ id: string; pubkey: string; kind: number; json: string; tags: string | null }>;
  } finally {
    db.close();
  }
}

/** The messages a key can open among all the relay's gift wraps (none for someone they were not sent to). */
export async function messagesReadableBy(stack: Stack, secret: Uint8Array): Promise<Message[]> {
  const signer = secretKeySigner(secret, "derived");
  const wraps = relayRows(stack)
    .filter((row) => row.kind === GIFT_WRAP_KIND)
    .map((row) => JSON.parse(row.json) as NostrEvent);
  const opened: Message[] = [];
  for (const wrap of wraps) {
    try {
      const message = parseMessage(await unwrapGift(signer, wrap));
      if (message !== null) opened.push(message);
    } catch {
      // not addressed to this key
    }
  }
  return opened;
}

/** Publishes a profile for `account` straight to the relay, as its owner's browser would (set-up). */
export async function publishProfile(stack: Stack, account: LocalAccount, profile: Profile, bindingFor?: LocalAccount): Promise<string> {
  const secret = await messagingKeyOf(account);
  const claimed = bindingFor ?? account;
  const fields = { account: claimed.address, chainId: stack.chainId, nostrPubkey: getPublicKey(secret), issuedAt: Math.floor(Date.now() / 1000) };
  const binding: Binding = { ...fields, signature: await account.signTypedData!(bindingTypedData(fields)) };
  const pool = new SimplePool();
  try {
    await Promise.all(pool.publish([stack.relayUrl], finalizeEvent(buildProfileEvent(profile, binding), secret)));
  } finally {
    pool.close([stack.relayUrl]);
  }
  return getPublicKey(secret);
}

/** The relay's profile events that claim an account. */
export function profileRowsOf(stack: Stack, account: LocalAccount) {
  return relayRows(stack).filter((row) => row.kind === 0 && (row.tags ?? "").includes(accountTag(stack.chainId, account.address)));
}

/**
 * Arms the page to note the wall-clock time at which `text` first appears in a thread (a MutationObserver, so the
 * time is the moment it is rendered, not when a test poll notices it). Read it with `shownAt`.
 */
export async function watchFor(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { __shown?: Record<string, number> };
    w.__shown ??= {};
    const seen = () => Array.from(document.querySelectorAll('[data-testid="message"]')).some((el) => el.textContent?.includes(wanted));
    if (seen()) {
      w.__shown[wanted] = Date.now();
      return;
    }
    const observer = new MutationObserver(() => {
      if (seen()) {
        w.__shown![wanted] = Date.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
}

export async function shownAt(page: Page, text: string): Promise<number> {
  await expect(page.getByTestId("message").filter({ hasText: text })).toBeVisible({ timeout: 15_000 });
  return page.evaluate((wanted) => (window as unknown as { __shown: Record<string, number> }).__shown[wanted]!, text);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
