import { decodeWalletError } from "@souk/sdk/wallet-errors";
import { useConnect, type Connector } from "wagmi";

import { Dialog } from "./dialog.tsx";

/**
 * Connecting a wallet: every wallet the browser offers (EIP-6963 wallets by name and icon, a plain `window.ethereum`,
 * WalletConnect when configured), or, when there is none, what to do about it. Loaded when first opened.
 */
export function WalletDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { connectors, connect, error, isPending, variables, reset } = useConnect();
  const shown = walletChoices(connectors, hasInjectedProvider());
  // A wallet removed or switched off since the page loaded: wagmi says "Provider not found" (an error its types do
  // not list for connect), the person needs this.
  const errorName: string | undefined = error?.name;
  const missing = errorName === "ProviderNotFoundError";
  const decoded = error === null || missing ? undefined : decodeWalletError(error);
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={shown.length === 0 ? "No wallet in this browser" : "Connect a wallet"}>
      <p className="mb-4 text-sm text-muted">
        Your wallet is your account on Souk: it signs your purchases and listings. Souk never holds your keys.
      </p>
      {shown.length === 0 || missing ? (
        <NoWallet />
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

/**
 * The wallets to offer: every wallet that announced itself (EIP-6963) and the other connectors (WalletConnect when
 * configured). wagmi's generic injected connector stands for `window.ethereum`: offered only when there is one and
 * no announced wallet already covers it (clicking it without one only gets "Provider not found").
 */
export function walletChoices(connectors: readonly Connector[], injectedProvider: boolean): Connector[] {
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const others = connectors.filter((c) => c.type !== "injected");
  if (announced.length > 0) return [...announced, ...others];
  return injectedProvider ? [...connectors.filter((c) => c.id === "injected"), ...others] : others;
}

function hasInjectedProvider(): boolean {
  return typeof window !== "undefined" && (window as { ethereum?: unknown }).ethereum !== undefined;
}

/** What to do without a wallet: nothing, to browse; install one, to buy or sell. */
function NoWallet() {
  return (
    <div className="flex flex-col gap-3 text-sm" role="status">
      <p>
        <span className="font-semibold">You do not need a wallet to look around:</span> every listing, description,
        review and profile is open to all.
      </p>
      <p>
        To buy, sell, rate or message, you need a wallet: a browser extension that holds your account and signs for
        you. Install one of these, create or import an account in it, then reload this page:
      </p>
      <ul className="flex flex-col gap-1 pl-1">
        <li>
          <a className="font-medium text-brand underline" href="https://metamask.io/download/" target="_blank" rel="noreferrer noopener">
            MetaMask
          </a>{" "}
          (metamask.io)
        </li>
        <li>
          <a className="font-medium text-brand underline" href="https://rabby.io/" target="_blank" rel="noreferrer noopener">
            Rabby
          </a>{" "}
          (rabby.io)
        </li>
      </ul>
      <p className="text-muted">Only install a wallet from its official site: fake wallets steal what you put in them.</p>
    </div>
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
