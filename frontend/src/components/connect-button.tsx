import { shortAddress } from "@souk/sdk/format";
import { lazy, Suspense, useState } from "react";
import { Link } from "react-router";
import { useAccount, useDisconnect } from "wagmi";

import { Button } from "./button.tsx";

// The dialog (and the wallet list behind it) loads when first opened: the browse page does not need it to show.
const WalletDialog = lazy(() => import("../app/deferred-ui.ts").then((m) => ({ default: m.WalletDialog })));

/** Connect with any wallet the browser offers (EIP-6963 wallets by name and icon), or show the connected account. */
export function ConnectButton({ label = "Connect wallet" }: { label?: string }) {
  const { address, isConnected } = useAccount();
  const [open, setOpen] = useState(false);
  if (isConnected && address !== undefined) return <AccountMenu address={address} />;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{label}</Button>
      {open && (
        <Suspense fallback={null}>
          <WalletDialog open onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
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
