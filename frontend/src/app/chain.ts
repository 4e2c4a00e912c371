import { defineChain, type Chain } from "viem";
import { baseSepolia, sepolia } from "viem/chains";

import { env } from "./env.ts";

const KNOWN: Record<number, Chain> = { [sepolia.id]: sepolia, [baseSepolia.id]: baseSepolia };

/** The one chain this build of the dApp talks to, with the configured RPC and explorer. */
export const chain: Chain = (() => {
  const known = KNOWN[env.chainId];
  const explorer = env.explorerUrl ?? known?.blockExplorers?.default.url;
  return defineChain({
    ...(known ?? {}),
    id: env.chainId,
    name: known?.name ?? (env.chainId === 31337 ? "Souk local chain" : `Chain ${env.chainId}`),
    nativeCurrency: known?.nativeCurrency ?? { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [env.rpcUrl] } },
    blockExplorers: explorer === undefined ? undefined : { default: { name: "Explorer", url: explorer } },
  });
})();

/** A link to an address or transaction on the chain's explorer, when it has one. */
export function explorerLink(kind: "address" | "tx", value: string): string | undefined {
  const base = chain.blockExplorers?.default.url;
  return base === undefined ? undefined : `${base.replace(/\/+$/, "")}/${kind}/${value}`;
}
