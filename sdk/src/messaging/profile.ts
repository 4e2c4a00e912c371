/**
 * An account's public profile: a Nostr kind-0 event signed by its messaging key, with the standard fields (`name`,
 * `about`, `picture`, so other Nostr clients show it) and Souk's own (`souk.shop`, `souk.avatar` with its CID and type,
 * `souk.binding`, and `souk.key`: where the key comes from, so that the account's next device knows whether to derive it
 * from the wallet or to ask for its backup). An `i` tag names the account (`eip155:<chain>:<address>`) so that profiles can be found by address.
 * Anyone can publish a profile that claims any address; only one whose binding verifies is shown as the account's.
 */
import type { Address } from "viem";
import type { NostrEvent } from "nostr-tools/pure";
import { z } from "zod";

import { imageSchema } from "../schemas.ts";
import { bindingSchema, verifyBinding, type Binding, type TypedDataVerifier } from "./binding.ts";
import type { KeyOrigin } from "./signer.ts";

export const PROFILE_KIND = 0;
/** Largest profile event content accepted. */
export const MAX_PROFILE_BYTES = 8 * 1024;

// eslint-disable-next-line no-control-regex
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export const profileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .max(50, { error: "Display name must be at most 50 characters" })
    .refine((s) => !LINE_BREAK_OR_CONTROL.test(s), { error: "Display name must be a single line of plain text" }),
  shopName: z
    .string()
    .trim()
    .max(60, { error: "Shop name must be at most 60 characters" })
    .refine((s) => !LINE_BREAK_OR_CONTROL.test(s), { error: "Shop name must be a single line of plain text" })
    .optional(),
  about: z
    .string()
    .trim()
    .max(300, { error: "Bio must be at most 300 characters" })
    .refine((s) => !CONTROL.test(s), { error: "Bio contains control characters" })
    .optional(),
  avatar: imageSchema.optional(),
});
export type Profile = z.infer<typeof profileSchema>;

const contentSchema = z.object({
  name: z.string(),
  about: z.string().optional(),
  picture: z.string().optional(),
  souk: z.object({ shop: z.string().optional(), avatar: z.unknown().optional(), binding: z.unknown(), key: z.unknown().optional() }),
});

export function accountTag(chainId: number, account: Address): string {
  return `eip155:${chainId}:${account.toLowerCase()}`;
}

const keyOriginSchema = z.enum(["derived", "browser", "extension"]);

/**
 * The time (milliseconds) to give a new version of a replaceable event so that relays keep it: now, or one second past
 * the newest version already stored when that is not older (Nostr times are whole seconds, and a relay keeps the
 * stored version when the new one is not newer: NIP-01). A profile saved in the second messaging was turned on would
 * otherwise be refused as a duplicate.
 */
export function replaceableEventTime(stored: ReadonlyArray<{ created_at: number }>, now = Date.now()): number {
  const newest = stored.reduce((max, event) => Math.max(max, event.created_at), -Infinity);
  return Math.max(now, (newest + 1) * 1000);
}

/**
 * The kind-0 event (unsigned) for a profile, its binding and where its key comes from; throws with the first problem
 * when the profile is invalid.
 */
export function buildProfileEvent(profile: Profile, binding: Binding, keyOrigin: KeyOrigin, now = Date.now()) {
  const parsed = profileSchema.safeParse(profile);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  const p = parsed.data;
  const content = {
    // An account that has not chosen a name yet publishes an empty one: clients then show its address alone.
    name: p.displayName,
    display_name: p.displayName,
    ...(p.about === undefined || p.about === "" ? {} : { about: p.about }),
    ...(p.avatar === undefined ? {} : { picture: `ipfs://${p.avatar.cid}` }),
    souk: {
      ...(p.shopName === undefined || p.shopName === "" ? {} : { shop: p.shopName }),
      ...(p.avatar === undefined ? {} : { avatar: p.avatar }),
      binding: bindingSchema.parse(binding),
      key: keyOriginSchema.parse(keyOrigin),
    },
  };
  return {
    kind: PROFILE_KIND,
    created_at: Math.floor(now / 1000),
    tags: [["i", accountTag(binding.chainId, binding.account)]],
    content: JSON.stringify(content),
  };
}

export interface ProfileView {
  /** The messaging key that signed the profile. */
  pubkey: string;
  /** The account the profile claims (verified or not). */
  account: Address;
  profile: Profile;
  verified: boolean;
  /** Why the binding does not verify. */
  problem?: string;
  binding: Binding;
  /** Where the key comes from, as its holder published it (absent from profiles published before Souk said). */
  keyOrigin: KeyOrigin | undefined;
  /** The binding's date: the newest verified binding of an account wins. */
  issuedAt: number;
  updatedAt: number;
}

/**
 * Reads a profile event (its signature is the relay client's to check): parsed, size-limited, the binding verified.
 * Null when it is not a Souk profile at all.
 */
export async function readProfile(
  event: NostrEvent,
  context: { chainId: number; verifier?: TypedDataVerifier; now?: number },
): Promise<ProfileView | null> {
  if (event.kind !== PROFILE_KIND || event.content.length > MAX_PROFILE_BYTES) return null;
  let json: unknown;
  try {
    json = JSON.parse(event.content);
  } catch {
    return null;
  }
  const content = contentSchema.safeParse(json);
  if (!content.success) return null;
  const binding = bindingSchema.safeParse(content.data.souk.binding);
  if (!binding.success) return null;
  const avatar = imageSchema.safeParse(content.data.souk.avatar);
  const profile = profileSchema.safeParse({
    displayName: content.data.name,
    shopName: content.data.souk.shop,
    about: content.data.about,
    avatar: avatar.success ? avatar.data : undefined,
  });
  if (!profile.success) return null;
  const keyOrigin = keyOriginSchema.safeParse(content.data.souk.key);
  const check = await verifyBinding(binding.data, { eventPubkey: event.pubkey, ...context });
  return {
    pubkey: event.pubkey,
    account: binding.data.account,
    profile: profile.data,
    verified: check.ok,
    ...(check.ok ? {} : { problem: check.reason }),
    binding: binding.data,
    keyOrigin: keyOrigin.success ? keyOrigin.data : undefined,
    issuedAt: binding.data.issuedAt,
    updatedAt: event.created_at,
  };
}

/** The profile to show for an account: its newest verified one, else the newest unverified claim (shown as such). */
export function pickProfile(views: readonly ProfileView[], account: Address): ProfileView | undefined {
  const claims = views.filter((view) => view.account.toLowerCase() === account.toLowerCase());
  const newest = (a: ProfileView, b: ProfileView) => b.issuedAt - a.issuedAt || b.updatedAt - a.updatedAt;
  return claims.filter((view) => view.verified).sort(newest)[0] ?? claims.sort(newest)[0];
}
