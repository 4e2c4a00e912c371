import { useState } from "react";
import type { Address } from "viem";

import { Button } from "../../components/button.tsx";
import { useMessaging } from "../../hooks/use-messaging.ts";

/**
 * The messaging key's backup. A key derived from the wallet comes back on any device with one signature; a key kept
 * in this browser (contract wallets, wallets that do not sign deterministically) exists only here, so its owner
 * exports it (NIP-19 nsec) and imports it on another device.
 */
export function KeyBackup({ account }: { account: Address }) {
  const { state } = useMessaging();
  const [shown, setShown] = useState<string | undefined>(undefined);
  const [importing, setImporting] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  if (state.status !== "ready") return null;
  const kind = state.session.kind;
  return (
    <section className="card flex flex-col gap-3 p-5 text-sm" data-testid="key-backup">
      <h2 className="text-lg font-semibold">Messaging key</h2>
      <p className="text-muted">
        {kind === "derived"
          ? "Derived from your wallet: connect the same wallet on another device and sign once to read your messages there."
          : kind === "extension"
            ? "Held by your Nostr browser extension."
            : "Kept in this browser only. Export a backup to read your messages on another device or after clearing this browser."}
      </p>
      {kind !== "extension" && (
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={async () => {
              const { loadKey, exportSecret } = await import("../../app/messaging-entry.ts");
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
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          try {
            const { importSecret, saveKey } = await import("../../app/messaging-entry.ts");
            await saveKey(account, { secret: importSecret(importing), kind: "browser" });
            window.location.reload();
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          }
        }}
      >
        <label className="flex flex-col gap-1">
          <span className="font-medium">Import a backup</span>
          <input className="input font-mono" placeholder="nsec1…" value={importing} onChange={(e) => setImporting(e.target.value)} autoComplete="off" />
        </label>
        <Button type="submit" size="sm" variant="secondary" disabled={importing.trim() === ""}>
          Use this key
        </Button>
      </form>
      {error !== undefined && <p className="text-danger">{error}</p>}
    </section>
  );
}
