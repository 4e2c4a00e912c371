import type { Address } from "viem";

import { useLocalState } from "../../hooks/use-local-state.ts";
import { useMessaging } from "../../hooks/use-messaging.ts";
import { announcementsEnabled, setAnnouncementsEnabled } from "../../lib/messaging/announcement-setting.ts";

/** On the dashboard: whether this browser announces the seller's listings on Nostr (NIP-99), on by default. */
export function AnnounceToggle({ seller }: { seller: Address }) {
  const enabled = useLocalState(() => announcementsEnabled(seller), [seller]);
  const { state } = useMessaging();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" className="accent-brand" checked={enabled} onChange={(event) => setAnnouncementsEnabled(seller, event.target.checked)} />
        Announce my open listings on Nostr
      </label>
      <p className="text-muted">
        As classified listings (NIP-99) signed with your messaging key, so that other Nostr marketplace apps can show them, linking
        back here; closing or selling out updates them. The listing on the chain stays the one that counts.
        {enabled && state.status !== "ready" && " Turn on messages to start."}
      </p>
    </div>
  );
}
