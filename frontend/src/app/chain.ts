import { defineChain, type Chain } from "viem";
import { baseSepolia, sepolia } from "viem/chains";

import { env } from "./env.ts";

/**
 * The viem definition of a known public chain. Compared with the build-time string literally, so that the bundler
 * drops the definitions a build does not use (Base Sepolia's brings OP-stack transaction serializers: about 4 KB gzip
 * on every page of a local or Sepolia build).
 */
function knownChain(): Chain | undefined {
  const id = (import.meta.env.VITE_CHAIN_ID as string | undefined)?.trim();
  if (id === "11155111") return sepolia;
  if (id === "84532") return baseSepolia;
  return undefined;
}

/** The one chain this build of the dApp talks to, with the configured RPC and explorer. */
export const chain: Chain = (() => {
  const known = knownChain();
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
