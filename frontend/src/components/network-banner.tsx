import { decodeWalletError } from "@souk/sdk/wallet-errors";
import { useAccount, useSwitchChain } from "wagmi";

import { chain } from "../app/chain.ts";
import { env } from "../app/env.ts";
import { useRefetchWhenBack, useServiceDown } from "../hooks/use-reachable.ts";
import { Button } from "./button.tsx";

/**
 * Banners for what stops the dApp working, each shown from the first failed check until the first check that
 * succeeds (no blinking while it retries), and gone by itself once the service answers again: an unreachable chain
 * node, unreachable IPFS (the gateways everyone reads from; the API only on pages that publish), and a wallet on
 * another network.
 */
export function NetworkBanner({ publishing }: { publishing: boolean }) {
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  const chainDown = useServiceDown("chain");
  const gatewaysDown = useServiceDown("gateways");
  const apiDown = useServiceDown("ipfsApi", publishing);
  useRefetchWhenBack("chain", chainDown);
  useRefetchWhenBack("gateways", gatewaysDown);
  const decoded = error === null ? undefined : decodeWalletError(error);

  return (
    <>
      {chainDown && (
        <div role="alert" className="bg-danger-soft px-4 py-2 text-center text-sm text-danger">
          Cannot reach the blockchain node at {env.rpcUrl}. Listings and orders may be out of date; Souk keeps
          retrying and recovers by itself.
        </div>
      )}
      {(gatewaysDown || apiDown) && (
        <div role="alert" className="bg-danger-soft px-4 py-2 text-center text-sm text-danger">
          {gatewaysDown
            ? `Cannot reach IPFS: ${gatewayText(env.gateways)}. Descriptions and pictures cannot load until it answers; `
            : `Cannot reach the IPFS node at ${env.ipfsApiUrl}. Nothing can be published (listings, pictures, reviews, evidence) until it answers; `}
          Souk keeps retrying and recovers by itself.
        </div>
      )}
      {isConnected && chainId !== chain.id && (
        <div role="alert" className="flex flex-wrap items-center justify-center gap-3 bg-warning-soft px-4 py-2 text-sm text-warning">
          <span>Your wallet is on another network. Souk runs on {chain.name}.</span>
          <Button size="sm" busy={isPending} onClick={() => switchChain({ chainId: chain.id })}>
            Switch to {chain.name}
          </Button>
          {decoded !== undefined && <span>{decoded.kind === "rejected" ? "Switch cancelled." : decoded.message}</span>}
        </div>
      )}
    </>
  );
}

function gatewayText(gateways: readonly string[]): string {
  return gateways.length === 1 ? `the gateway at ${gateways[0]} does not answer` : `none of the gateways (${gateways.join(", ")}) answers`;
}
