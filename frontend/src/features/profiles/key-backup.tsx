import { useState } from "react";
import type { Address } from "viem";

import { loadMessaging } from "../../app/load-messaging.ts";
import { Button } from "../../components/button.tsx";
import { useMessaging } from "../../hooks/use-messaging.ts";

const KEPT = {
  derived:
    "Made from your wallet's signature and kept in this browser. On another device, connect the same wallet and sign once: most wallets give the same key back. If yours does not (Souk says so), import this backup there instead.",
  browser:
    "Made in this browser and kept only here. To read your messages on another device, export this backup and import it there (no signature needed); without it, a new device cannot read what was sent to this key.",
  extension: "Held by your Nostr browser extension.",
} as const;

/**
 * The messaging key's backup (NIP-19 nsec, which other Nostr apps import too). Every key is kept in the browser where
 * messaging was turned on; the backup carries it to a device that cannot make it (see StartMessaging).
 */
export function KeyBackup({ account }: { account: Address }) {
  const { state } = useMessaging();
  const [shown, setShown] = useState<string | undefined>(undefined);
  if (state.status !== "ready") return null;
  const kind = state.session.kind;
  return (
    <section className="card flex flex-col gap-3 p-5 text-sm" data-testid="key-backup">
      <h2 className="text-lg font-semibold">Messaging key</h2>
      <p className="text-muted">{KEPT[kind]}</p>
      {kind !== "extension" && (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={async () => {
              const { loadKey, exportSecret } = await loadMessaging();
              const stored = await loadKey(account);
              setShown(stored === undefined ? undefined : exportSecret(stored.secret));
            }}
          >
            Export backup
          </Button>
        </div>
      )}
      {shown !== undefined && (
        <p className="rounded bg-warning-soft p-2 text-warning">
          Anyone with this text can read your messages. Keep it somewhere safe: <code className="break-all" data-testid="key-export">{shown}</code>
        </p>
      )}
    </section>
  );
}
