/**
 * Announces the connected seller's listings on Nostr (NIP-99, lib/messaging/listing-announcements.ts) while messaging
 * runs and the indexer answers: on start, then every half minute (every 3 s on the local chain), publishing only what
 * changed. Renders nothing. Mounted with the header's inbox, so it loads with messaging, never on a first visit.
 */
import { useEffect } from "react";
import type { Address } from "viem";

import { env } from "../../app/env.ts";
import { useIndexer } from "../../hooks/use-indexer.ts";
import { useLocalState } from "../../hooks/use-local-state.ts";
import { useMessaging } from "../../hooks/use-messaging.ts";
import { knownToken } from "../../hooks/use-token.ts";
import { contracts } from "../../lib/deployment.ts";
import { announcementsEnabled } from "../../lib/messaging/announcement-setting.ts";
import { announceListings } from "../../lib/messaging/listing-announcements.ts";
import { getRuntime } from "../../lib/messaging/runtime.ts";
import { fetchSellerListings } from "../../lib/seller-listings.ts";

const EVERY_MS = env.chainId === 31337 ? 3_000 : 30_000;

export function ListingAnnouncer({ account }: { account: Address }) {
  const { state } = useMessaging();
  const indexer = useIndexer();
  const enabled = useLocalState(() => announcementsEnabled(account), [account]);
  const signer = state.status === "ready" ? state.session.client.signer : undefined;

  useEffect(() => {
    if (!enabled || signer === undefined || indexer === undefined || contracts === undefined) return;
    const context = {
      chainId: env.chainId,
      registry: contracts.registry,
      origin: window.location.origin,
      gateway: env.gateways[0]!,
      token: knownToken,
    };
    const controller = new AbortController();
    let running = false;
    const round = async () => {
      if (running) return;
      running = true;
      try {
        const items = await fetchSellerListings(indexer, account, controller.signal);
        await announceListings(items, context, signer, (event) => getRuntime().pool.publish(event));
      } catch {
        // The indexer or the relays are not answering: the next round tries again.
      } finally {
        running = false;
      }
    };
    void round();
    const timer = setInterval(() => void round(), EVERY_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [enabled, signer, indexer, account]);

  return null;
}
