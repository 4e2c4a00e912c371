import { useState } from "react";

import { useMessaging } from "../../hooks/use-messaging.ts";
import { Button } from "../button.tsx";

/**
 * Turns messaging on for this device. The wallet is asked to sign: once to derive the messaging key (a second time,
 * the first time, to check it signs the same way each time) and once to publish the binding between the wallet and
 * the key. Nothing is ever signed per message.
 */
export function StartMessaging({ compact = false }: { compact?: boolean }) {
  const { state, start } = useMessaging();
  const [error, setError] = useState<string | undefined>(undefined);
  const starting = state.status === "starting";
  return (
    <div className="flex flex-col items-start gap-2 text-sm" data-testid="start-messaging">
      {!compact && (
        <p className="text-muted">
          Messages are end-to-end encrypted: relays and Souk see neither what you write nor who you write to. Your wallet
          signs to create your messaging key on this device (no transaction, no fee); after that, nothing more to sign.
        </p>
      )}
      <Button
        size="sm"
        busy={starting}
        onClick={async () => {
          setError(undefined);
          try {
            await start();
          } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            setError(/reject|denied|cancel/i.test(message) ? "You cancelled in your wallet. Messaging stays off until you try again." : message);
          }
        }}
      >
        {starting ? "Starting messaging…" : "Turn on messages"}
      </Button>
      {error !== undefined && (
        <p className="text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
