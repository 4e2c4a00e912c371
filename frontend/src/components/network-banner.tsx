import { decodeWalletError } from "@souk/sdk/wallet-errors";
import { useQuery } from "@tanstack/react-query";
import { useAccount, useSwitchChain } from "wagmi";

import { chain } from "../app/chain.ts";
import { env } from "../app/env.ts";
import { Button } from "./button.tsx";

/** Banners for the two things that stop everything: a wallet on another network, and an unreachable chain node. */
export function NetworkBanner() {
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending, error } = useSwitchChain();
  const health = useQuery({
    queryKey: ["rpc-health", env.rpcUrl],
    queryFn: ({ signal }) => pingRpc(env.rpcUrl, signal),
    retry: 1,
    retryDelay: 1_000,
    refetchInterval: 3_000,
  });
  const rpcDown = health.isError;

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
          {error !== null && <span>{decodeWalletError(error).kind === "rejected" ? "Switch cancelled." : decodeWalletError(error).message}</span>}
        </div>
      )}
    </>
  );
}

/**
 * One eth_blockNumber with its own short timeout: the app's transport waits 10 s per attempt and retries, which is
 * right for reads but would report a hanging node only after a minute. A node slower than 4 s counts as down.
 */
async function pingRpc(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    signal: AbortSignal.any([signal, AbortSignal.timeout(4_000)]),
  });
  if (!response.ok) throw new Error(`The node answered HTTP ${response.status}`);
  const body = (await response.json()) as { result?: string; error?: { message: string } };
  if (body.result === undefined) throw new Error(body.error?.message ?? "The node gave no block number");
  return body.result;
}
