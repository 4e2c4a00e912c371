import { generateSecretKey, getPublicKey, type NostrEvent } from "nostr-tools/pure";
import { verifyTypedData, type Address, type Hex, type TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";

import type { Binding } from "./binding.ts";
import { giftWrap, unwrapGift } from "./gift-wrap.ts";
import {
  importKeyBackup,
  KeyBackupMismatchError,
  replaceKey,
  setUpMessagingKey,
  type KeySetupContext,
  type StoredKey,
} from "./key-setup.ts";
import { keyDerivationTypedData } from "./keys.ts";
import { buildMessage, parseMessage } from "./message.ts";
import { buildProfileEvent, pickProfile, readProfile, type ProfileView } from "./profile.ts";
import { secretKeySigner, type MessagingSigner, type Nip07 } from "./signer.ts";
import { signTypedDataWithRandomNonce } from "./test-wallets.ts";

const CHAIN_ID = 31337;
// Hardhat's development accounts #2 and #3 (public keys, never funded outside local chains).
const PRIVATE_KEY: Hex = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const OTHER_KEY: Hex = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

interface Wallet {
  address: Address;
  signTypedData: (typedData: TypedDataDefinition) => Promise<Hex>;
}

/** viem's local account: RFC 6979, the same signature every time, like every mainstream EOA wallet. */
const deterministic = (key: Hex = PRIVATE_KEY): Wallet => {
  const account = privateKeyToAccount(key);
  return { address: account.address, signTypedData: (typedData) => account.signTypedData(typedData) };
};
/** Valid signatures for the same account, a new one each time (contract, passkey and some hardware wallets). */
const randomNonce = (key: Hex = PRIVATE_KEY): Wallet => ({
  address: privateKeyToAccount(key).address,
  signTypedData: async (typedData) => signTypedDataWithRandomNonce(key, typedData),
});

/** The relays, reduced to what key set-up reads and writes: the profiles, read back and verified as any client does. */
class Relays {
  readonly profiles: NostrEvent[] = [];
  private clock = 1_700_000_000;
  tick = () => ++this.clock;

  async publishedKey(account: Address) {
    const views = await Promise.all(this.profiles.map((event) => readProfile(event, { chainId: CHAIN_ID, now: this.clock + 60 })));
    const view = pickProfile(views.filter((v): v is ProfileView => v?.verified === true), account);
    return view === undefined ? undefined : { pubkey: view.pubkey, origin: view.keyOrigin };
  }

  async publish(signer: MessagingSigner, binding: Binding) {
    this.profiles.push(await signer.signEvent(buildProfileEvent({ displayName: "Ada" }, binding, signer.kind, this.clock * 1000)));
  }
}

/** One browser: its own key storage, the person's wallet, every prompt the wallet shows recorded. */
function device(relays: Relays, wallet: Wallet, options: { contract?: boolean; extension?: Nip07 } = {}) {
  const prompts: string[] = [];
  let stored: StoredKey | undefined;
  const context: KeySetupContext = {
    account: wallet.address,
    chainId: CHAIN_ID,
    signTypedData: (typedData) => {
      prompts.push(typedData.primaryType);
      return wallet.signTypedData(typedData);
    },
    publishedKey: () => relays.publishedKey(wallet.address),
    isContract: async () => options.contract === true,
    loadKey: async () => stored,
    saveKey: async (key) => {
      stored = key;
    },
    publishBinding: (signer, binding) => relays.publish(signer, binding),
    extension: options.extension,
    now: relays.tick,
  };
  return { context, prompts, stored: () => stored };
}

async function ready(setup: Awaited<ReturnType<typeof setUpMessagingKey>>): Promise<MessagingSigner> {
  if (setup.status !== "ready") throw new Error(`expected a key, got ${JSON.stringify(setup)}`);
  return setup.signer;
}

/** A message someone sent to `pubkey` earlier: what "history" means on a new device. */
async function messageTo(pubkey: string, text: string) {
  const sender = secretKeySigner(generateSecretKey(), "browser");
  const { wraps } = await giftWrap(sender, buildMessage({ type: "listing", chainId: CHAIN_ID, listingId: 1n }, [pubkey], { type: "text", text, images: [] }), [pubkey]);
  return wraps[0]!;
}

async function readBy(signer: MessagingSigner, wrap: NostrEvent) {
  const message = parseMessage(await unwrapGift(signer, wrap));
  return message?.body.type === "text" ? message.body.text : undefined;
}

describe("a wallet that signs deterministically (viem local account)", () => {
  it("first device: two prompts (derive, then bind), the key kept in the browser; again on it: none", async () => {
    const relays = new Relays();
    const first = device(relays, deterministic());
    const signer = await ready(await setUpMessagingKey(first.context));
    expect(first.prompts).toEqual(["DeriveMessagingKey", "MessagingKeyBinding"]);
    expect(first.stored()).toMatchObject({ kind: "derived" });
    expect(await relays.publishedKey(first.context.account)).toEqual({ pubkey: signer.pubkey, origin: "derived" });

    const again = await ready(await setUpMessagingKey(first.context));
    expect(again.pubkey).toBe(signer.pubkey);
    expect(first.prompts).toHaveLength(2);
  });

  it("a later device: one prompt, the same key, and the history reads", async () => {
    const relays = new Relays();
    const firstKey = await ready(await setUpMessagingKey(device(relays, deterministic()).context));
    const earlier = await messageTo(firstKey.pubkey, "Is the bike still for sale?");

    const second = device(relays, deterministic());
    const signer = await ready(await setUpMessagingKey(second.context));
    expect(second.prompts).toEqual(["DeriveMessagingKey"]);
    expect(signer.pubkey).toBe(firstKey.pubkey);
    expect(second.stored()).toMatchObject({ kind: "derived" });
    expect(await readBy(signer, earlier)).toBe("Is the bike still for sale?");
    expect(relays.profiles).toHaveLength(1);
  });

  it("a binding refused in the wallet costs nothing next time: the derived key was kept, only the binding is asked", async () => {
    const relays = new Relays();
    const wallet = deterministic();
    const first = device(relays, { ...wallet, signTypedData: async (typedData) => (typedData.primaryType === "MessagingKeyBinding" ? Promise.reject(new Error("User rejected the request.")) : wallet.signTypedData(typedData)) });
    await expect(setUpMessagingKey(first.context)).rejects.toThrow(/rejected/);
    expect(relays.profiles).toHaveLength(0);
    const retry = device(relays, wallet);
    retry.context.loadKey = first.context.loadKey;
    await ready(await setUpMessagingKey(retry.context));
    expect(retry.prompts).toEqual(["MessagingKeyBinding"]);
  });
});

describe("a wallet that signs differently each time (random nonce)", () => {
  it("is what the stub claims: valid signatures for the account, never twice the same", async () => {
    const wallet = randomNonce();
    const typedData = keyDerivationTypedData(wallet.address);
    const [a, b] = [await wallet.signTypedData(typedData), await wallet.signTypedData(typedData)];
    expect(a).not.toBe(b);
    for (const signature of [a, b]) expect(await verifyTypedData({ ...typedData, address: wallet.address, signature })).toBe(true);
  });

  it("first device: two prompts, as for any wallet (no second derivation to test the wallet)", async () => {
    const relays = new Relays();
    const first = device(relays, randomNonce());
    const signer = await ready(await setUpMessagingKey(first.context));
    expect(first.prompts).toEqual(["DeriveMessagingKey", "MessagingKeyBinding"]);
    // Kept: this device never needs the wallet to sign alike again.
    expect(first.stored()?.secret).toBeDefined();
    expect(getPublicKey(first.stored()!.secret)).toBe(signer.pubkey);
  });

  it("a later device: one prompt finds the key differs; the backup opens the history with no prompt", async () => {
    const relays = new Relays();
    const first = device(relays, randomNonce());
    const firstKey = await ready(await setUpMessagingKey(first.context));
    const earlier = await messageTo(firstKey.pubkey, "Sent while you were away");

    const second = device(relays, randomNonce());
    const setup = await setUpMessagingKey(second.context);
    expect(setup).toEqual({ status: "key-differs", cause: "wallet-signs-differently", published: { pubkey: firstKey.pubkey, origin: "derived" } });
    expect(second.prompts).toEqual(["DeriveMessagingKey"]);
    expect(second.stored()).toBeUndefined();

    const imported = await importKeyBackup(second.context, first.stored()!.secret);
    expect(second.prompts).toHaveLength(1);
    expect(imported.pubkey).toBe(firstKey.pubkey);
    expect(second.stored()).toMatchObject({ kind: "derived" });
    expect(await readBy(imported, earlier)).toBe("Sent while you were away");
    // The device now holds the account's key: turning messaging on again asks nothing.
    expect((await ready(await setUpMessagingKey(second.context))).pubkey).toBe(firstKey.pubkey);
    expect(second.prompts).toHaveLength(1);
  });

  it("or one more prompt binds a new key here; what was encrypted to the old key stays unreadable with it", async () => {
    const relays = new Relays();
    const firstKey = await ready(await setUpMessagingKey(device(relays, randomNonce()).context));
    const earlier = await messageTo(firstKey.pubkey, "Only for the first key");

    const second = device(relays, randomNonce());
    expect((await setUpMessagingKey(second.context)).status).toBe("key-differs");
    const replaced = await replaceKey(second.context);
    expect(second.prompts).toEqual(["DeriveMessagingKey", "MessagingKeyBinding"]);
    expect(replaced.pubkey).not.toBe(firstKey.pubkey);
    expect(await relays.publishedKey(second.context.account)).toEqual({ pubkey: replaced.pubkey, origin: "browser" });
    await expect(readBy(replaced, earlier)).rejects.toThrow();

    // The first device's key is no longer the account's: it is told so, without a prompt.
    const back = device(relays, randomNonce());
    back.context.loadKey = async () => ({ secret: generateSecretKey(), kind: "derived" });
    expect(await setUpMessagingKey(back.context)).toMatchObject({ status: "key-differs", cause: "key-elsewhere" });
    expect(back.prompts).toEqual([]);
  });
});

describe("a key made in the browser (one prompt on every device)", () => {
  it("first device: one prompt; a later device is never asked to derive: its backup, no prompt", async () => {
    const relays = new Relays();
    const first = device(relays, deterministic());
    const signer = await ready(await setUpMessagingKey(first.context, "browser"));
    expect(first.prompts).toEqual(["MessagingKeyBinding"]);
    expect(first.stored()).toMatchObject({ kind: "browser" });

    const second = device(relays, deterministic());
    expect(await setUpMessagingKey(second.context)).toEqual({ status: "key-differs", cause: "key-elsewhere", published: { pubkey: signer.pubkey, origin: "browser" } });
    const imported = await importKeyBackup(second.context, first.stored()!.secret);
    expect(imported).toMatchObject({ pubkey: signer.pubkey, kind: "browser" });
    expect(second.prompts).toEqual([]);
  });

  it("is what a contract wallet gets without being asked: one prompt", async () => {
    const relays = new Relays();
    const first = device(relays, deterministic(), { contract: true });
    await ready(await setUpMessagingKey(first.context));
    expect(first.prompts).toEqual(["MessagingKeyBinding"]);
    expect(first.stored()).toMatchObject({ kind: "browser" });
  });

  it("a backup of another key is refused and nothing changes", async () => {
    const relays = new Relays();
    await ready(await setUpMessagingKey(device(relays, deterministic()).context, "browser"));
    const second = device(relays, deterministic());
    await expect(importKeyBackup(second.context, generateSecretKey())).rejects.toThrow(KeyBackupMismatchError);
    expect(second.stored()).toBeUndefined();
    expect(second.prompts).toEqual([]);
    expect(relays.profiles).toHaveLength(1);
  });
});

describe("a NIP-07 extension", () => {
  it("uses the extension's key: one prompt to bind it the first time, none after", async () => {
    const secret = generateSecretKey();
    const inner = secretKeySigner(secret, "browser");
    const extension: Nip07 = {
      getPublicKey: async () => inner.pubkey,
      signEvent: (template) => inner.signEvent(template),
      nip44: { encrypt: (peer, text) => inner.encrypt(peer, text), decrypt: (peer, text) => inner.decrypt(peer, text) },
    };
    const relays = new Relays();
    const first = device(relays, deterministic(OTHER_KEY), { extension });
    expect(await ready(await setUpMessagingKey(first.context))).toMatchObject({ pubkey: inner.pubkey, kind: "extension" });
    expect(first.prompts).toEqual(["MessagingKeyBinding"]);
    expect(await relays.publishedKey(first.context.account)).toEqual({ pubkey: inner.pubkey, origin: "extension" });
    const second = device(relays, deterministic(OTHER_KEY), { extension });
    await ready(await setUpMessagingKey(second.context));
    expect(second.prompts).toEqual([]);
  });
});
