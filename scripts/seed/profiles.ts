/**
 * Publishes the demo accounts' profiles on the relay, exactly as their owners' browsers would: each account derives
 * its messaging key from its own EIP-712 signature, signs the binding, and the profile is signed with the key. A
 * browser wallet holding one of these development keys derives the same messaging key and finds its profile.
 */
import {
  bindingTypedData,
  buildProfileEvent,
  deriveSecretKey,
  keyDerivationTypedData,
  type Profile,
} from "@souk/sdk/messaging";
import { SimplePool } from "nostr-tools/pool";
import { finalizeEvent, getPublicKey } from "nostr-tools/pure";

import { devAccount, ROLES } from "../local/accounts.ts";
import { DEMO_ARBITER, DEMO_BUYERS, DEMO_SELLERS } from "./catalogue.ts";

export async function seedProfiles(options: { relayUrl: string; chainId: number }): Promise<number> {
  const people: Array<[number, Profile]> = [
    ...ROLES.sellers.map((index, i): [number, Profile] => [index, { displayName: DEMO_SELLERS[i]!.name, about: DEMO_SELLERS[i]!.about.slice(0, 300) }]),
    ...ROLES.buyers.map((index, i): [number, Profile] => [index, { displayName: DEMO_BUYERS[i]!.name }]),
    [ROLES.arbiter, { displayName: DEMO_ARBITER.name, about: DEMO_ARBITER.about.slice(0, 300) }],
  ];
  const pool = new SimplePool();
  try {
    for (const [index, profile] of people) {
      const account = devAccount(index);
      const secret = deriveSecretKey(await account.signTypedData(keyDerivationTypedData(account.address)));
      const fields = { account: account.address, chainId: options.chainId, nostrPubkey: getPublicKey(secret), issuedAt: Math.floor(Date.now() / 1000) };
      const binding = { ...fields, signature: await account.signTypedData(bindingTypedData(fields)) };
      await Promise.all(pool.publish([options.relayUrl], finalizeEvent(buildProfileEvent(profile, binding), secret)));
    }
  } finally {
    pool.close([options.relayUrl]);
  }
  return people.length;
}
