/**
 * Symbols and decimals of payment tokens, read from the token contracts themselves (ERC-20 `symbol()` and
 * `decimals()`, both optional in the standard) once per token and process. ETH is the zero address, 18 decimals.
 * A token that does not answer is shown in base units (0 decimals) under its short address: exact, if plain.
 */
import { createPublicClient, erc20Abi, http, type Address, type PublicClient } from "viem";

export interface TokenInfo {
  symbol: string;
  decimals: number;
}

const ETH = "0x0000000000000000000000000000000000000000";

export function tokenInfoReader(rpcUrl: string): (token: string) => Promise<TokenInfo> {
  let client: PublicClient | undefined;
  const cache = new Map<string, Promise<TokenInfo>>();
  const read = async (token: Address): Promise<TokenInfo> => {
    client ??= createPublicClient({ transport: http(rpcUrl, { timeout: 5_000 }) });
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: "symbol" }).catch(() => null),
      client.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }).catch(() => null),
    ]);
    return {
      symbol: typeof symbol === "string" && /^[\x20-\x7e]{1,16}$/.test(symbol) ? symbol : `${token.slice(0, 6)}…${token.slice(-4)}`,
      decimals: typeof decimals === "number" && decimals <= 77 ? decimals : 0,
    };
  };
  return (token) => {
    const key = token.toLowerCase();
    if (key === ETH) return Promise.resolve({ symbol: "ETH", decimals: 18 });
    let info = cache.get(key);
    if (info === undefined) {
      info = read(key as Address);
      cache.set(key, info);
      // A failure to reach the node is not cached: the next request asks again.
      info.catch(() => cache.delete(key));
    }
    return info;
  };
}
