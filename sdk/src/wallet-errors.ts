/**
 * What a wallet or an RPC node throws, in one plain sentence: a refusal in the wallet, missing funds, the wrong
 * network, no answer. Needs no contract ABI, so pages that only connect a wallet or switch networks (the header on
 * every page) stay small; `decodeError` in ./errors.ts adds the contracts' custom errors on top of it.
 */
import { BaseError, ChainMismatchError, HttpRequestError, InsufficientFundsError, TimeoutError, UserRejectedRequestError } from "viem";

export type ErrorKind = "rejected" | "contract" | "funds" | "network" | "chain" | "unknown";

export interface DecodedError {
  kind: ErrorKind;
  /** The custom error's name, when the contract reverted with one. */
  name?: string;
  args?: readonly unknown[];
  /** One sentence for people. */
  message: string;
}

const REJECTED: DecodedError = { kind: "rejected", message: "You cancelled the request in your wallet." };

/** The person said no in their wallet (viem's UserRejectedRequestError, or EIP-1193 code 4001 anywhere in the chain). */
export function isRejection(error: unknown): boolean {
  return (error instanceof BaseError && error.walk((e) => e instanceof UserRejectedRequestError) !== null) || hasCode(error, 4001);
}

/** Decodes a wallet or network failure into a kind and a sentence. Never throws. */
export function decodeWalletError(error: unknown): DecodedError {
  if (isRejection(error)) return REJECTED;
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof InsufficientFundsError) !== null) {
      return { kind: "funds", message: "Your wallet does not have enough ETH for this transaction and its gas." };
    }
    if (error.walk((e) => e instanceof ChainMismatchError) !== null) {
      return { kind: "chain", message: "Your wallet is connected to another network. Switch networks and try again." };
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) !== null) {
      return { kind: "network", message: "The network did not answer. Check your connection and try again." };
    }
    return { kind: "unknown", message: error.shortMessage };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "unknown", message };
}

function hasCode(error: unknown, code: number): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    if ((current as { code?: unknown }).code === code) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
