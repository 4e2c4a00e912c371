import { demoTokenAbi, escrowAbi } from "@souk/sdk/contracts";
import { decodeError, type DecodedError } from "@souk/sdk/errors";
import { formatTokenAmount } from "@souk/sdk/format";
import { permitTypedData, splitSignature } from "@souk/sdk/permit";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { erc20Abi, type Hash } from "viem";
import { useAccount, useConfig, useReadContract } from "wagmi";
import { getBlock, readContract, signTypedData } from "wagmi/actions";

import { chain } from "../../app/chain.ts";
import { catalogueKey } from "../../hooks/use-catalogue.ts";
import type { TokenInfo } from "../../hooks/use-token.ts";
import { useTransactor } from "../../hooks/use-transactor.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { requireContracts } from "../../lib/deployment.ts";
import type { TransactionResult } from "../../lib/transaction.ts";
import { orderIdFromLogs, paymentMethod, PERMIT_LIFETIME_SECONDS, type SeenTerms } from "./purchase.ts";

export type PurchasePhase = "idle" | "approving" | "signing" | "buying";

export type PurchaseFeedback =
  | { tone: "calm"; message: string }
  | { tone: "error"; message: string }
  /** The seller changed the listing between loading and paying. */
  | { tone: "changed"; message: string };

export interface PurchaseDone {
  orderId: bigint | undefined;
  quantity: bigint;
  total: bigint;
  hash: Hash;
}

const CANCELLED = "You cancelled in your wallet. Nothing was paid, and your choices are still here when you are ready.";
const SIGN_CANCELLED = "You cancelled the signature. Nothing was paid, and your choices are still here when you are ready.";

/**
 * Buying one listing: ETH with the call, an EIP-2612 token with one signature (or straight away when an allowance is
 * already there), any other token with an exact approval first. Every transaction goes through useTransactor; the
 * listing version passed is the one the buyer has seen, so a seller's change in the meantime makes the purchase fail
 * safely instead of charging a price nobody looked at.
 */
export function usePurchase(listing: ListingState, token: TokenInfo, seen: SeenTerms, title: string) {
  const config = useConfig();
  const transact = useTransactor();
  const queryClient = useQueryClient();
  const { address } = useAccount();
  const escrow = requireContracts().escrow;
  const method = paymentMethod(token);
  const [phase, setPhase] = useState<PurchasePhase>("idle");
  const [feedback, setFeedback] = useState<PurchaseFeedback | undefined>(undefined);
  const [done, setDone] = useState<PurchaseDone | undefined>(undefined);

  const allowance = useReadContract({
    address: token.address,
    abi: erc20Abi,
    functionName: "allowance",
    args: address === undefined ? undefined : [address, escrow],
    query: { enabled: method !== "eth" && address !== undefined, refetchInterval: 6_000 },
  });

  const fail = useCallback(
    (error: DecodedError) => {
      if (error.kind === "rejected") {
        setFeedback({ tone: "calm", message: CANCELLED });
        return;
      }
      if (error.kind === "contract") {
        // Whatever the contract objected to (a new version, less stock, a closed listing), show the listing as it is now.
        void queryClient.invalidateQueries({ queryKey: catalogueKey });
      }
      setFeedback({ tone: error.name === "ListingRegistryVersionMismatch" ? "changed" : "error", message: error.message });
    },
    [queryClient],
  );

  const finish = useCallback(
    (result: TransactionResult, quantity: bigint, total: bigint) => {
      if (!result.ok) {
        fail(result.error);
        return;
      }
      setDone({ orderId: orderIdFromLogs(result.receipt.logs, escrow), quantity, total, hash: result.hash });
      void queryClient.invalidateQueries({ queryKey: catalogueKey });
    },
    [escrow, fail, queryClient],
  );

  const short = title.length > 60 ? `${title.slice(0, 57)}…` : title;
  const description = useCallback((quantity: bigint) => `Buy ${quantity} × ${short}`, [short]);

  /** Step 1 of the two-step token flow: allow the escrow to take exactly `total`. */
  const approve = useCallback(
    async (total: bigint) => {
      setFeedback(undefined);
      setPhase("approving");
      try {
        const result = await transact({
          address: token.address,
          abi: erc20Abi,
          functionName: "approve",
          args: [escrow, total],
          description: `Allow the escrow to take ${formatTokenAmount(total, token)}`,
        });
        if (!result.ok) fail(result.error);
        await allowance.refetch();
      } finally {
        setPhase("idle");
      }
    },
    [allowance, escrow, fail, token, transact],
  );

  const buy = useCallback(
    async (quantity: bigint, total: bigint) => {
      setFeedback(undefined);
      setDone(undefined);
      const base = [listing.id, quantity, seen.version] as const;
      try {
        if (method === "eth") {
          setPhase("buying");
          finish(await transact({ address: escrow, abi: escrowAbi, functionName: "buy", args: base, value: total, description: description(quantity) }), quantity, total);
          return;
        }
        const allowed = (await allowance.refetch()).data ?? 0n;
        if (allowed >= total || method === "approve") {
          // An allowance already covers it (or, without permit, the approval step comes first: the contract explains).
          setPhase("buying");
          finish(await transact({ address: escrow, abi: escrowAbi, functionName: "buy", args: base, description: description(quantity) }), quantity, total);
          return;
        }
        setPhase("signing");
        let signature: { deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` };
        try {
          const owner = address!;
          const [tokenName, nonce, block] = await Promise.all([
            readContract(config, { address: token.address, abi: demoTokenAbi, functionName: "name" }),
            readContract(config, { address: token.address, abi: demoTokenAbi, functionName: "nonces", args: [owner] }),
            getBlock(config),
          ]);
          // The deadline is counted on the chain's clock, which may differ from this computer's.
          const deadline = block.timestamp + PERMIT_LIFETIME_SECONDS;
          const typed = permitTypedData({ tokenName, chainId: chain.id, token: token.address, owner, spender: escrow, value: total, nonce, deadline });
          signature = { deadline, ...splitSignature(await signTypedData(config, { account: owner, ...typed })) };
        } catch (error) {
          const decoded = decodeError(error);
          if (decoded.kind === "rejected") setFeedback({ tone: "calm", message: SIGN_CANCELLED });
          else fail(decoded);
          return;
        }
        setPhase("buying");
        finish(
          await transact({
            address: escrow,
            abi: escrowAbi,
            functionName: "buyWithPermit",
            args: [...base, signature.deadline, signature.v, signature.r, signature.s],
            description: description(quantity),
          }),
          quantity,
          total,
        );
      } finally {
        setPhase("idle");
      }
    },
    [address, allowance, config, description, escrow, fail, finish, listing.id, method, seen.version, token.address, transact],
  );

  return {
    method,
    phase,
    feedback,
    done,
    allowance: allowance.data,
    approve,
    buy,
    clearFeedback: () => setFeedback(undefined),
    reset: () => {
      setDone(undefined);
      setFeedback(undefined);
    },
  };
}

export type Purchase = ReturnType<typeof usePurchase>;
