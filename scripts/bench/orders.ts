/**
 * Orders for the indexer benchmark, so that analytics have a market to measure: a share of the generated listings
 * bought over `days` of chain time (each listing at most once), most of them shipped, confirmed and half of those
 * rated, a few declined, a few disputed and ruled, the last day's left open. Everything is a transaction from the
 * node's unlocked development accounts, packed into full blocks (`packCalls`), one phase after another each day:
 * buy, ship, confirm (or dispute) and rate, the seller's answer, the ruling.
 */
import { demoGoldAbi, demoTokenAbi, escrowAbi, orderIdOf, reputationAbi } from "@souk/sdk";
import { encodeFunctionData, erc20Abi, maxUint256, type Address, type Hex } from "viem";

import { rpc } from "../local/chain.ts";
import type { MarketWriter } from "../local/market-writer.ts";
import type { GeneratedListing } from "./catalogue.ts";

const HOUR = 3_600;
const DAY = 24 * HOUR;
const NO_DOCUMENT = `0x${"0".repeat(64)}` as const;

export interface OrderPlan {
  rpcUrl: string;
  market: { escrow: string; reputation: string };
  tokens: ReadonlyArray<{ address: string; symbol: string }>;
  /** The generated listings and the id of the first one (ids follow in order). */
  listings: readonly GeneratedListing[];
  firstListingId: bigint;
  /** The seller of listing i is sellers[i % sellers.length] (as packListings publishes them). */
  sellers: readonly Address[];
  buyers: readonly Address[];
  arbiter: Address;
  orders: number;
  days: number;
  /** A document the buyers cite when they open a dispute (evidence cannot be empty). */
  evidenceDigest: Hex;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export async function packOrders(writer: MarketWriter, plan: OrderPlan, onProgress?: (day: number) => void): Promise<{ blocks: number }> {
  if (plan.orders > plan.listings.length) throw new Error(`--orders (${plan.orders}) cannot exceed --listings (${plan.listings.length})`);
  const escrow = plan.market.escrow as Address;
  let blocks = 0;
  const advance = (seconds: number) => rpc(plan.rpcUrl, "evm_increaseTime", [seconds]);

  // Money for the buyers: ETH, and the demo tokens approved once for the escrow.
  for (const buyer of plan.buyers) await rpc(plan.rpcUrl, "hardhat_setBalance", [buyer, `0x${(10n ** 30n).toString(16)}`]);
  blocks += await writer.packCalls(
    plan.buyers.flatMap((buyer) =>
      plan.tokens.flatMap((token) => [
        {
          from: buyer,
          to: token.address as Address,
          gas: 100_000n,
          data: encodeFunctionData({ abi: token.symbol === "DUSD" ? demoTokenAbi : demoGoldAbi, functionName: "faucet", args: [buyer, 10n ** 24n] }),
        },
        { from: buyer, to: token.address as Address, gas: 100_000n, data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [escrow, maxUint256] }) },
      ]),
    ),
  );

  // Listing i = k × step mod n: a permutation of the catalogue, so that every listing is bought at most once.
  const n = plan.listings.length;
  let step = 7_919;
  while (gcd(step, n) !== 1) step += 2;
  const orders = Array.from({ length: plan.orders }, (_, k) => {
    const index = (k * step) % n;
    const listing = plan.listings[index]!;
    const listingId = plan.firstListingId + BigInt(index);
    return {
      k,
      day: Math.floor((k * plan.days) / plan.orders),
      listingId,
      orderId: orderIdOf(listingId, 1n),
      seller: plan.sellers[index % plan.sellers.length]!,
      buyer: plan.buyers[k % plan.buyers.length]!,
      value: listing.token === "0x0000000000000000000000000000000000000000" ? listing.price! : undefined,
      outcome: k % 100 < 3 ? "declined" : k % 100 < 5 ? "disputed" : "completed",
      rated: k % 2 === 0,
      score: 3 + (k % 3),
    };
  });

  const call = (from: Address, to: string, data: Hex, gas = 250_000n, value?: bigint) => ({ from, to: to as Address, data, gas, value });
  for (let day = 0; day < plan.days; day++) {
    const today = orders.filter((o) => o.day === day);
    const last = day === plan.days - 1;
    blocks += await writer.packCalls(today.map((o) => call(o.buyer, escrow, encodeFunctionData({ abi: escrowAbi, functionName: "buy", args: [o.listingId, 1n, 1n] }), 250_000n, o.value)));
    if (!last) {
      // Shipped a few hours later (how many depends on the day), or declined.
      await advance(HOUR * (1 + (day % 12)));
      blocks += await writer.packCalls(
        today.map((o) => call(o.seller, escrow, o.outcome === "declined" ? encodeFunctionData({ abi: escrowAbi, functionName: "decline", args: [o.orderId] }) : encodeFunctionData({ abi: escrowAbi, functionName: "fulfill", args: [o.orderId, NO_DOCUMENT] }))),
      );
      await advance(HOUR * (6 + (day % 30)));
      const going = today.filter((o) => o.outcome !== "declined");
      blocks += await writer.packCalls(
        going.flatMap((o) =>
          o.outcome === "disputed"
            ? [call(o.buyer, escrow, encodeFunctionData({ abi: escrowAbi, functionName: "openDispute", args: [o.orderId, plan.evidenceDigest] }))]
            : [
                call(o.buyer, escrow, encodeFunctionData({ abi: escrowAbi, functionName: "confirm", args: [o.orderId] })),
                ...(o.rated
                  ? [call(o.buyer, plan.market.reputation, encodeFunctionData({ abi: reputationAbi, functionName: "rate", args: [o.orderId, BigInt(o.score), NO_DOCUMENT] }))]
                  : []),
              ],
        ),
      );
      const disputed = going.filter((o) => o.outcome === "disputed");
      blocks += await writer.packCalls(disputed.map((o) => call(o.seller, escrow, encodeFunctionData({ abi: escrowAbi, functionName: "submitEvidence", args: [o.orderId, plan.evidenceDigest] }))));
      blocks += await writer.packCalls(disputed.map((o) => call(plan.arbiter, escrow, encodeFunctionData({ abi: escrowAbi, functionName: "rule", args: [o.orderId, 5_000n] }))));
    }
    await advance(DAY);
    onProgress?.(day + 1);
  }
  return { blocks };
}
