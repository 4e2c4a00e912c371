import type { KeyChoice } from "@souk/sdk/messaging";
import { useId, useState } from "react";

import { useMessaging } from "../../hooks/use-messaging.ts";
import { useProfile } from "../../hooks/use-profile.ts";
import { Button } from "../button.tsx";

/**
 * Turns messaging on for this device, saying beforehand what the wallet will ask (signatures are free: no
 * transaction). On the account's first device the person chooses between a key derived from the wallet (two
 * signatures here, one on each other device, nothing to carry) and a key made in this browser (one signature here;
 * other devices import its backup). On a later device that cannot make the account's key (a wallet that signs
 * differently each time, or a key made in another browser), it explains why and offers the backup or a new key.
 * Nothing is ever signed per message.
 */
export function StartMessaging({ compact = false }: { compact?: boolean }) {
  const { state, account, start } = useMessaging();
  const profile = useProfile(account);
  const published = profile.data;
  const [error, setError] = useState<string | undefined>(undefined);
  const act = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(plain(e));
    }
  };
  const starting = state.status === "starting";
  const known = published?.verified === true ? published : undefined;

  let body;
  if (state.status === "key-differs") {
    body = <KeyElsewhere cause={state.cause} act={act} busy={starting} />;
  } else if (profile.isPending) {
    body = <p className="text-muted">Looking up your messaging key…</p>;
  } else if (known !== undefined && known.keyOrigin !== undefined && known.keyOrigin !== "derived") {
    // A key made in a browser or an extension: there is nothing to derive, so no signature is spent finding that out.
    body = <KeyElsewhere cause="key-elsewhere" act={act} busy={starting} />;
  } else if (known !== undefined) {
    body = (
      <>
        <p className="text-muted">Your wallet signs once (free) to bring your messaging key to this device, with your conversations.</p>
        <Button size="sm" busy={starting} onClick={() => act(() => start("wallet"))}>
          {starting ? "Starting messaging…" : "Turn on messages"}
        </Button>
      </>
    );
  } else {
    body = <FirstDevice start={(choice) => act(() => start(choice))} starting={starting} />;
  }

  return (
    <div className="flex flex-col items-start gap-2 text-sm" data-testid="start-messaging">
      {!compact && (
        <p className="text-muted">Messages are end-to-end encrypted: relays and Souk see neither what you write nor who you write to.</p>
      )}
      {body}
      {state.status === "error" && error === undefined && <p className="text-danger">Messaging could not resume: {state.error}</p>}
      {error !== undefined && (
        <p className="text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FirstDevice({ start, starting }: { start: (choice: KeyChoice) => Promise<void>; starting: boolean }) {
  const [choice, setChoice] = useState<KeyChoice>("wallet");
  const name = useId();
  return (
    <>
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">Your messaging key</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name={name} className="mt-1" checked={choice === "wallet"} onChange={() => setChoice("wallet")} />
          <span>
            <span className="font-medium">From your wallet</span> (recommended): your wallet signs twice here, free: once to create your
            key, once to publish that it is yours. On your other devices, one signature brings the same key and your conversations back.
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name={name} className="mt-1" checked={choice === "browser"} onChange={() => setChoice("browser")} />
          <span>
            <span className="font-medium">Kept in this browser</span>: one signature here. To read your messages on another device you
            copy a backup from here to there (no signature there); without it, or if this browser's data is cleared, your past
            messages cannot be read.
          </span>
        </label>
      </fieldset>
      <Button size="sm" busy={starting} onClick={() => start(choice)}>
        {starting ? "Starting messaging…" : "Turn on messages"}
      </Button>
    </>
  );
}

const CAUSES = {
  "wallet-signs-differently":
    "Your wallet signed differently here than on the device where you first turned messages on, so it cannot give the same messaging key on this device. Some wallets work this way (smart-contract wallets, passkeys, some hardware wallets).",
  "key-elsewhere": "Your account's messaging key is kept in the browser of another device, and this device cannot make it.",
} as const;

/** The account's key cannot be made here: import it from the other device (no signature), or start a new one (one). */
function KeyElsewhere({ cause, act, busy }: { cause: keyof typeof CAUSES; act: (action: () => Promise<void>) => Promise<void>; busy: boolean }) {
  const { importBackup, replaceKey } = useMessaging();
  const [backup, setBackup] = useState("");
  const inputId = useId();
  return (
    <div className="flex flex-col gap-3" data-testid="key-elsewhere">
      <p>{CAUSES[cause]} Two ways on:</p>
      <form
        className="flex flex-col gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          void act(() => importBackup(backup));
        }}
      >
        <label htmlFor={inputId} className="font-medium">
          Import the key backup from your other device
        </label>
        <span className="text-muted">No signature. On the other device: your profile, Messaging key, Export backup.</span>
        <span className="flex flex-wrap gap-2">
          <input id={inputId} className="input font-mono" placeholder="nsec1…" value={backup} onChange={(e) => setBackup(e.target.value)} autoComplete="off" />
          <Button type="submit" size="sm" variant="secondary" busy={busy} disabled={backup.trim() === ""}>
            Use this backup
          </Button>
        </span>
      </form>
      <div className="flex flex-col items-start gap-1">
        <span className="font-medium">Or start a new key on this device</span>
        <span className="text-muted">
          One signature. Messages sent to your old key stay unreadable on this device, and new messages go to the new key: your other
          device reads them only after importing this device's backup.
        </span>
        <Button size="sm" variant="secondary" busy={busy} onClick={() => act(replaceKey)}>
          Start a new key
        </Button>
      </div>
    </div>
  );
}

function plain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /reject|denied|cancel/i.test(message) ? "You cancelled in your wallet. Messaging stays off until you try again." : message;
}
