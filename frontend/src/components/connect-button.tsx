import { decodeWalletError } from "@souk/sdk/wallet-errors";
import { shortAddress } from "@souk/sdk/format";
import { useState } from "react";
import { Link } from "react-router";
import { useAccount, useConnect, useDisconnect, type Connector } from "wagmi";

import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";

/** Connect with any wallet the browser offers (EIP-6963 wallets by name and icon), or show the connected account. */
export function ConnectButton({ label = "Connect wallet" }: { label?: string }) {
  const { address, isConnected } = useAccount();
  const [open, setOpen] = useState(false);
  if (isConnected && address !== undefined) return <AccountMenu address={address} />;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{label}</Button>
      <WalletDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

export function WalletDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { connectors, connect, error, isPending, variables, reset } = useConnect();
  // The generic injected connector duplicates an announced wallet when one exists: show it only as the fallback.
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const shown = announced.length > 0 ? [...announced, ...connectors.filter((c) => c.type !== "injected")] : connectors;
  const decoded = error === null ? undefined : decodeWalletError(error);
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Connect a wallet">
      <p className="mb-4 text-sm text-muted">
        Your wallet is your account on Souk: it signs your purchases and listings. Souk never holds your keys.
      </p>
      {shown.length === 0 ? (
        <p className="text-sm">
          No wallet found in this browser. Install a browser wallet (for example MetaMask or Rabby), then reload this page.
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {shown.map((connector) => (
            <li key={connector.uid}>
              <WalletOption
                connector={connector}
                busy={isPending && variables?.connector === connector}
                onClick={() => connect({ connector }, { onSuccess: close })}
              />
            </li>
          ))}
        </ul>
      )}
      {decoded !== undefined && (
        <p role={decoded.kind === "rejected" ? "status" : "alert"} className={`mt-4 text-sm ${decoded.kind === "rejected" ? "text-muted" : "text-danger"}`}>
          {decoded.kind === "rejected" ? "Connection cancelled. You can try again whenever you like." : decoded.message}
        </p>
      )}
    </Dialog>
  );
}

function WalletOption({ connector, busy, onClick }: { connector: Connector; busy: boolean; onClick: () => void }) {
  const name = connector.id === "injected" ? "Browser wallet" : connector.name;
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={busy}
      className="flex w-full items-center gap-3 rounded-[var(--radius-control)] border border-border px-4 py-3 text-left hover:bg-surface-muted"
    >
      {connector.icon !== undefined && /^data:image\/(png|svg\+xml|webp|jpeg);/.test(connector.icon) ? (
        <img src={connector.icon} alt="" className="size-7" />
      ) : (
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded bg-brand-soft text-brand">
          ◆
        </span>
      )}
      <span className="flex-1 font-medium">{name}</span>
      {busy && <span className="text-sm text-muted">Check your wallet…</span>}
    </button>
  );
}

function AccountMenu({ address }: { address: string }) {
  const { disconnect } = useDisconnect();
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-[var(--radius-control)] border border-border bg-surface px-3 py-2 font-mono text-sm" aria-label={`Account ${address}`}>
        {shortAddress(address)}
      </summary>
      <div className="card absolute right-0 z-20 mt-2 flex w-52 flex-col p-1 text-sm">
        <Link className="rounded px-3 py-2 hover:bg-surface-muted" to={`/profile/${address}`}>
          My profile
        </Link>
        <Link className="rounded px-3 py-2 hover:bg-surface-muted" to="/orders">
          My orders
        </Link>
        <Link className="rounded px-3 py-2 hover:bg-surface-muted" to="/dashboard">
          Seller dashboard
        </Link>
        <Link className="rounded px-3 py-2 hover:bg-surface-muted" to="/arbiter">
          Disputes to rule
        </Link>
        <button type="button" className="rounded px-3 py-2 text-left hover:bg-surface-muted" onClick={() => disconnect()}>
          Disconnect
        </button>
      </div>
    </details>
  );
}
