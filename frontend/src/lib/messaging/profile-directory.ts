/**
 * Profiles on the relays, found by account (the `i` tag) or by messaging key, and verified before use (the binding's
 * signature, through the chain's public client so contract wallets verify too). Lookups made together (every address
 * on a page) go out as one request.
 */
import {
  accountTag,
  buildProfileEvent,
  replaceableEventTime,
  pickProfile,
  PROFILE_KIND,
  readProfile,
  type Binding,
  type MessagingSigner,
  type Profile,
  type ProfileView,
  type TypedDataVerifier,
} from "@souk/sdk/messaging";
import type { NostrEvent } from "nostr-tools/pure";
import type { Address } from "viem";

import type { RelayPool } from "./relay-pool.ts";

const BATCH_MS = 25;

export class ProfileDirectory {
  private waiting = new Map<string, Array<(view: ProfileView | undefined) => void>>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly pool: RelayPool,
    private readonly chainId: number,
    private readonly verifier: TypedDataVerifier | undefined,
  ) {}

  /** The account's profile (verified if any verifies), or undefined when it has none. */
  byAccount(account: Address): Promise<ProfileView | undefined> {
    const key = account.toLowerCase();
    return new Promise((resolve) => {
      const list = this.waiting.get(key) ?? [];
      list.push(resolve);
      this.waiting.set(key, list);
      this.timer ??= setTimeout(() => void this.flush(), BATCH_MS);
    });
  }

  /** The verified profile signed by a messaging key: who is behind a message. */
  async byPubkey(pubkey: string): Promise<ProfileView | undefined> {
    const events = await this.pool.query({ kinds: [PROFILE_KIND], authors: [pubkey] });
    const views = await this.read(events);
    return views.find((view) => view.verified);
  }

  async publish(signer: MessagingSigner, profile: Profile, binding: Binding): Promise<NostrEvent> {
    const stored = await this.pool.query({ kinds: [PROFILE_KIND], authors: [signer.pubkey] });
    const event = await signer.signEvent(buildProfileEvent(profile, binding, signer.kind, replaceableEventTime(stored)));
    await this.pool.publish(event);
    return event;
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = new Map();
    const accounts = [...batch.keys()];
    let views: ProfileView[] = [];
    try {
      const events = await this.pool.query({ kinds: [PROFILE_KIND], "#i": accounts.map((a) => accountTag(this.chainId, a as Address)) });
      views = await this.read(events);
    } catch {
      // Relays unreachable: addresses are shown without names, as before profiles existed.
    }
    for (const [account, resolvers] of batch) {
      const view = pickProfile(views, account as Address);
      for (const resolve of resolvers) resolve(view);
    }
  }

  private async read(events: NostrEvent[]): Promise<ProfileView[]> {
    const views = await Promise.all(events.map((event) => readProfile(event, { chainId: this.chainId, verifier: this.verifier })));
    return views.filter((view): view is ProfileView => view !== null);
  }
}
