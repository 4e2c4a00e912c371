import { decodeError } from "@souk/sdk/errors";
import type { ReactNode } from "react";
import { useConnection, useSwitchChain } from "wagmi";

import { chain } from "../../app/chain.ts";
import { Button } from "../../components/button.tsx";
import { ConnectButton } from "../../components/connect-button.tsx";

/** Whether the connected wallet can send transactions to Souk right now. */
export function useWalletReady() {
  const { address, isConnected, chainId } = useConnection();
  const connected = isConnected && address !== undefined;
  return { address: connected ? address : undefined, connected, rightChain: connected && chainId === chain.id };
}

/**
 * A calm note above a form when the wallet is not ready to publish: connect, or switch networks. The form below
 * stays usable, so a seller can start writing before connecting.
 */
export function WalletPrompt({ action, children }: { action: string; children?: ReactNode }) {
  const { connected, rightChain } = useWalletReady();
  const switcher = useSwitchChain();
  if (connected && rightChain) return null;
  const switchError = switcher.error === null ? undefined : decodeError(switcher.error);
  return (
    <div className="card flex flex-col gap-3 border-brand/40 bg-brand-soft p-4 sm:flex-row sm:items-center sm:justify-between" role="region" aria-label="Wallet">
      <div className="flex flex-col gap-1">
        <p className="font-semibold">{connected ? `Switch your wallet to ${chain.name}` : `Connect a wallet to ${action}`}</p>
        <p className="text-sm text-muted">
          {connected
            ? "Your wallet is on another network. Everything you type here is kept while you switch."
            : children ?? "You can start filling in the form now; you will only need the wallet to sign at the end."}
        </p>
        {switchError !== undefined && (
          <p className="text-sm text-muted" role="status">
            {switchError.kind === "rejected" ? "Switch cancelled. You can try again whenever you like." : switchError.message}
          </p>
        )}
      </div>
      <div className="shrink-0">
        {connected ? (
          <Button busy={switcher.isPending} onClick={() => switcher.mutate({ chainId: chain.id })}>
            Switch to {chain.name}
          </Button>
        ) : (
          <ConnectButton />
        )}
      </div>
    </div>
  );
}
