import { decodeError } from "@souk/sdk/errors";
import { useAccount, useBlockNumber, useSwitchChain } from "wagmi";

import { chain } from "../app/chain.ts";
import { env } from "../app/env.ts";
import { Button } from "./button.tsx";

/** Banners for the two things that stop everything: a wallet on another network, and an unreachable chain node. */
export function NetworkBanner() {
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  const health = useBlockNumber({ watch: true, query: { retry: 1, refetchInterval: 3_000 } });
  const rpcDown = health.isError && health.data === undefined ? true : health.isError && health.failureCount > 0;

  return (
    <>
      {rpcDown && (
        <div role="alert" className="bg-danger-soft px-4 py-2 text-center text-sm text-danger">
          Cannot reach the blockchain node at {env.rpcUrl}. Listings and orders may be out of date; Souk keeps
          retrying and recovers by itself.
        </div>
      )}
      {isConnected && chainId !== chain.id && (
        <div role="alert" className="flex flex-wrap items-center justify-center gap-3 bg-warning-soft px-4 py-2 text-sm text-warning">
          <span>Your wallet is on another network. Souk runs on {chain.name}.</span>
          <Button size="sm" busy={isPending} onClick={() => switchChain({ chainId: chain.id })}>
            Switch to {chain.name}
          </Button>
          {error !== null && <span>{decodeError(error).kind === "rejected" ? "Switch cancelled." : decodeError(error).message}</span>}
        </div>
      )}
    </>
  );
}
