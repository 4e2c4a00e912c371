import { hkdfSync } from "node:crypto";

import { generateSecretKey, getPublicKey, finalizeEvent } from "nostr-tools/pure";
import { type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

import { bindingTypedData, verifyBinding, type Binding } from "./binding.ts";
import { deriveSecretKey, keyDerivationTypedData } from "./keys.ts";
import { accountTag, buildProfileEvent, pickProfile, readProfile, replaceableEventTime, type ProfileView } from "./profile.ts";

// Hardhat's first two development accounts (public keys, never funded outside local chains).
const ALICE = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const BOB = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const CHAIN_ID = 31337;

async function bind(account = ALICE, nostrPubkey = getPublicKey(generateSecretKey()), issuedAt = Math.floor(Date.now() / 1000)): Promise<Binding> {
  const fields = { account: account.address, chainId: CHAIN_ID, nostrPubkey, issuedAt };
  return { ...fields, signature: await account.signTypedData(bindingTypedData(fields)) };
}

describe("key derivation from a wallet signature", () => {
  it("gives the same key from the same wallet, every time, and different keys to different wallets", async () => {
    const derive = async (account: typeof ALICE) => deriveSecretKey(await account.signTypedData(keyDerivationTypedData(account.address)));
    const aliceKey = await derive(ALICE);
    const again = await derive(ALICE);
    const bobKey = await derive(BOB);
    expect(getPublicKey(again)).toBe(getPublicKey(aliceKey));
    expect(getPublicKey(bobKey)).not.toBe(getPublicKey(aliceKey));
    // A recorded vector: changing the message, salt or info would silently change everyone's key.
    expect(getPublicKey(aliceKey)).toBe(ALICE_PUBKEY);
  });

  it("ignores the recovery byte's encoding (27/28 or 0/1), which wallets disagree on", async () => {
    const signature = await ALICE.signTypedData(keyDerivationTypedData(ALICE.address));
    const v = parseInt(signature.slice(130), 16);
    const other = `${signature.slice(0, 130)}${(v >= 27 ? v - 27 : v + 27).toString(16).padStart(2, "0")}` as Hex;
    expect(getPublicKey(deriveSecretKey(other))).toBe(getPublicKey(deriveSecretKey(signature)));
    // HKDF-SHA256 over r||s, checked against Node's own implementation.
    const expected = new Uint8Array(hkdfSync("sha256", Buffer.from(signature.slice(2, 130), "hex"), "souk.messaging-key/1", "nostr secp256k1 secret key", 32));
    expect(deriveSecretKey(signature)).toEqual(expected);
  });

});

describe("wallet binding", () => {
  it("verifies a binding signed by the account for this key and chain", async () => {
    const binding = await bind();
    const check = await verifyBinding(binding, { eventPubkey: binding.nostrPubkey, chainId: CHAIN_ID });
    expect(check).toMatchObject({ ok: true, account: ALICE.address });
  });

  it("refuses a forged binding: signed by another account than the one it names", async () => {
    const binding = await bind();
    const forged = { ...binding, signature: await BOB.signTypedData(bindingTypedData(binding)) };
    expect(await verifyBinding(forged, { eventPubkey: binding.nostrPubkey, chainId: CHAIN_ID })).toEqual({
      ok: false,
      reason: "The account did not sign this binding.",
    });
    const tampered = { ...binding, issuedAt: binding.issuedAt - 1 };
    expect((await verifyBinding(tampered, { eventPubkey: binding.nostrPubkey, chainId: CHAIN_ID })).ok).toBe(false);
  });

  it("refuses a replayed binding: copied into another key's profile, or to another chain", async () => {
    const binding = await bind();
    const mallory = getPublicKey(generateSecretKey());
    expect(await verifyBinding(binding, { eventPubkey: mallory, chainId: CHAIN_ID })).toMatchObject({ ok: false, reason: expect.stringMatching(/another messaging key/) });
    expect(await verifyBinding(binding, { eventPubkey: binding.nostrPubkey, chainId: 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/chain 31337/) });
  });

  it("refuses bindings dated in the future and malformed ones", async () => {
    const binding = await bind(ALICE, undefined, Math.floor(Date.now() / 1000) + 3_600);
    expect((await verifyBinding(binding, { eventPubkey: binding.nostrPubkey, chainId: CHAIN_ID })).ok).toBe(false);
    for (const bad of [null, {}, { ...binding, account: "0x1234" }, { ...binding, nostrPubkey: binding.nostrPubkey.toUpperCase() }, { ...binding, signature: "0x00" }]) {
      expect((await verifyBinding(bad, { eventPubkey: binding.nostrPubkey, chainId: CHAIN_ID })).ok).toBe(false);
    }
  });
});

describe("profiles", () => {
  async function publishedProfile(secret: Uint8Array, binding: Binding, displayName = "Alice's Atelier") {
    return finalizeEvent(buildProfileEvent({ displayName, shopName: "Atelier", about: "Handmade things" }, binding, "derived"), secret);
  }

  it("dates a new version after the stored one, so a relay keeps it even within the same second", async () => {
    const now = 1_700_000_000_500;
    expect(replaceableEventTime([], now)).toBe(now);
    expect(replaceableEventTime([{ created_at: 1_699_999_000 }], now)).toBe(now);
    // Saved in the second messaging was turned on (or a clock behind the relay's copy): one second past the newest.
    expect(replaceableEventTime([{ created_at: 1_699_999_000 }, { created_at: 1_700_000_000 }], now)).toBe(1_700_000_001_000);
    expect(replaceableEventTime([{ created_at: 1_700_000_100 }], now)).toBe(1_700_000_101_000);
    const binding = await bind(ALICE, getPublicKey(generateSecretKey()));
    const template = buildProfileEvent({ displayName: "A" }, binding, "derived", replaceableEventTime([{ created_at: 1_700_000_000 }], now));
    expect(template.created_at).toBe(1_700_000_001);
  });

  it("carries the binding and the account tag; reads back as verified", async () => {
    const secret = generateSecretKey();
    const event = await publishedProfile(secret, await bind(ALICE, getPublicKey(secret)));
    expect(event.tags).toEqual([["i", accountTag(CHAIN_ID, ALICE.address)]]);
    expect(JSON.parse(event.content)).toMatchObject({ name: "Alice's Atelier", about: "Handmade things", souk: { shop: "Atelier" } });
    const view = await readProfile(event, { chainId: CHAIN_ID });
    expect(view).toMatchObject({ verified: true, account: ALICE.address, keyOrigin: "derived", profile: { displayName: "Alice's Atelier", shopName: "Atelier" } });
    expect((JSON.parse(event.content) as { souk: { key: unknown } }).souk.key).toBe("derived");
  });

  it("shows a profile claiming someone else's address as unverified, and prefers the verified one", async () => {
    const aliceSecret = generateSecretKey();
    const genuine = await readProfile(await publishedProfile(aliceSecret, await bind(ALICE, getPublicKey(aliceSecret))), { chainId: CHAIN_ID });
    // Mallory copies Alice's binding into a profile signed by Mallory's own key, with a newer date.
    const mallorySecret = generateSecretKey();
    const copied = await bind(ALICE, getPublicKey(aliceSecret), Math.floor(Date.now() / 1000));
    const impostor = await readProfile(await publishedProfile(mallorySecret, copied, "Alice (real)"), { chainId: CHAIN_ID });
    expect(impostor).toMatchObject({ verified: false, problem: expect.stringMatching(/another messaging key/) });
    expect(pickProfile([impostor!, genuine!], ALICE.address)?.pubkey).toBe(getPublicKey(aliceSecret));
    expect(pickProfile([impostor!], ALICE.address)?.verified).toBe(false);
    expect(pickProfile([genuine!], BOB.address)).toBeUndefined();
  });

  it("picks the newest verified binding after a key change", async () => {
    const oldSecret = generateSecretKey();
    const newSecret = generateSecretKey();
    const now = Math.floor(Date.now() / 1000);
    const views = (await Promise.all([
      readProfile(await publishedProfile(oldSecret, await bind(ALICE, getPublicKey(oldSecret), now - 100)), { chainId: CHAIN_ID }),
      readProfile(await publishedProfile(newSecret, await bind(ALICE, getPublicKey(newSecret), now)), { chainId: CHAIN_ID }),
    ])) as ProfileView[];
    expect(pickProfile(views, ALICE.address)?.pubkey).toBe(getPublicKey(newSecret));
  });

  it("refuses invalid profiles when building and ignores malformed ones when reading", async () => {
    const secret = generateSecretKey();
    const binding = await bind(ALICE, getPublicKey(secret));
    expect((JSON.parse(buildProfileEvent({ displayName: "" }, binding, "browser").content) as { name: unknown }).name).toBe("");
    expect(() => buildProfileEvent({ displayName: "x".repeat(51) }, binding, "browser")).toThrow(/at most 50/);
    expect(() => buildProfileEvent({ displayName: "two\nlines" }, binding, "browser")).toThrow(/single line/);
    const notJson = finalizeEvent({ kind: 0, created_at: 1, tags: [], content: "{" }, secret);
    const huge = finalizeEvent({ kind: 0, created_at: 1, tags: [], content: JSON.stringify({ name: "x".repeat(9_000) }) }, secret);
    const foreign = finalizeEvent({ kind: 0, created_at: 1, tags: [], content: JSON.stringify({ name: "a nostr user" }) }, secret);
    for (const event of [notJson, huge, foreign]) expect(await readProfile(event, { chainId: CHAIN_ID })).toBeNull();
  });
});

// Recorded from this implementation (HKDF-SHA256, salt "souk.messaging-key/1") for Hardhat account #0.
const ALICE_PUBKEY = "5dcf78f0bc78742f0b3a4211a5c32c0c5fcf12d66b715428bcd04738d2a2eceb";
