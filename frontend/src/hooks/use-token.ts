import { ETH } from "@souk/sdk/contracts";
import { useQuery } from "@tanstack/react-query";
import { erc20Abi, type Address } from "viem";
import { useConfig } from "wagmi";

import { contracts } from "../lib/deployment.ts";

export interface TokenInfo {
  address: Address;
  symbol: string;
  name: string;
  decimals: number;
  /** Listed in the deployment (ETH or a demo token); others are shown as unknown tokens. */
  known: boolean;
  permit: boolean;
  faucet: boolean;
  /** For unknown tokens: false when the address did not answer like an ERC-20 (symbol and decimals are guesses). */
  responded?: boolean;
}

export const ETHER: TokenInfo = {
  address: ETH,
  symbol: "ETH",
  name: "Ether",
  decimals: 18,
  known: true,
  permit: false,
  faucet: false,
};

export function knownToken(address: string): TokenInfo | undefined {
  if (address.toLowerCase() === ETH) return ETHER;
  const token = contracts?.record.tokens.find((t) => t.address.toLowerCase() === address.toLowerCase());
  return token === undefined ? undefined : { ...token, address: token.address as Address, known: true };
}

/**
 * Symbol and decimals of a payment token: from the deployment when known (at once), else read from the token with
 * wagmi's readContracts, loaded on demand so that pages listing known tokens only don't ship it.
 */
export function useToken(address: Address | undefined): TokenInfo | undefined {
  const config = useConfig();
  const known = address === undefined ? undefined : knownToken(address);
  const { data } = useQuery({
    queryKey: ["token", address],
    enabled: address !== undefined && known === undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<TokenInfo> => {
      const { readContracts } = await import("wagmi/actions");
      const results = await readContracts(config, {
        allowFailure: true,
        contracts: (["symbol", "name", "decimals"] as const).map((functionName) => ({ address: address!, abi: erc20Abi, functionName })),
      });
      const [symbol, name, decimals] = results.map((entry) => (entry.status === "success" ? entry.result : undefined));
      return {
        address: address!,
        symbol: (typeof symbol === "string" ? symbol : "???").slice(0, 12),
        name: (typeof name === "string" ? name : "Unknown token").slice(0, 40),
        decimals: typeof decimals === "number" ? decimals : 18,
        known: false,
        permit: false,
        faucet: false,
        responded: typeof symbol === "string" && typeof decimals === "number",
      };
    },
  });
  return known ?? data;
}
