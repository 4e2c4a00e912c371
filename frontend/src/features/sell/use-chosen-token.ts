import { isAddress, type Address } from "viem";
import { useBytecode } from "wagmi";

import { useToken, type TokenInfo } from "../../hooks/use-token.ts";

/** The payment token a draft points at: its address, symbol and decimals, and (for a typed address) whether it is a contract. */
export function useChosenToken(choice: string, customAddress: string): {
  address: Address | undefined;
  info: TokenInfo | undefined;
  isContract: boolean | undefined;
  /** A contract that answered neither symbol nor name: not an ERC-20 token. */
  notErc20: boolean;
} {
  const typed = customAddress.trim();
  const custom = choice === "custom";
  const address = custom ? (isAddress(typed) ? (typed) : undefined) : (choice as Address);
  const code = useBytecode({ address: custom ? address : undefined, query: { enabled: custom && address !== undefined, staleTime: 60_000 } });
  const isContract = !custom ? true : code.isSuccess ? code.data !== undefined && code.data !== null && code.data !== "0x" : undefined;
  // Only read symbol and decimals once a contract is known to be there (a plain account would answer with defaults).
  const info = useToken(custom && isContract !== true ? undefined : address);
  return { address, info, isContract, notErc20: custom && isContract === true && info !== undefined && !info.known && looksUnanswered(info) };
}

/** useToken's stand-ins for a token that did not answer (see hooks/use-token.ts). */
function looksUnanswered(info: TokenInfo): boolean {
  return info.symbol === "???" && info.name === "Unknown token";
}
