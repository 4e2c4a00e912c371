import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";

import { permitTypedData } from "@souk/sdk/permit";
import type { Address } from "viem";

import { listingTerms, TERMS, ZERO_ADDRESS, type Marketplace } from "./fixtures.js";

/** Creates a listing as `seller` (default: the fixture's seller) and returns its id. */
export async function createListing(
  market: Marketplace,
  overrides: Parameters<typeof listingTerms>[0] = {},
  seller: HardhatEthersSigner = market.accounts.seller,
): Promise<bigint> {
  await (await market.registry.connect(seller).createListing(listingTerms(overrides))).wait();
  return market.registry.listingCount();
}

/** Creates a listing paid in the fixture's permit token and returns its id. */
export async function createTokenListing(
  market: Marketplace,
  overrides: Parameters<typeof listingTerms>[0] = {},
): Promise<bigint> {
  return createListing(market, { token: await market.token.getAddress(), ...overrides });
}

/** The order id of the n-th order (from 1) of a listing: `listingId << 32 | n`. */
export function orderIdOf(listingId: bigint, n: bigint): bigint {
  return (listingId << 32n) | n;
}

/** Extracts the order id from the OrderPlaced event of a purchase. */
export async function orderIdFrom(market: Marketplace, tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  for (const log of receipt?.logs ?? []) {
    const parsed = market.escrow.interface.parseLog(log);
    if (parsed?.name === "OrderPlaced") return parsed.args.orderId as bigint;
  }
  throw new Error("no OrderPlaced event");
}

/**
 * Buys `quantity` units of a listing at its current version, paying in whatever the listing takes (approving the
 * escrow first for token listings), and returns the order id.
 */
export async function buy(
  market: Marketplace,
  listingId: bigint,
  quantity = 1n,
  buyer: HardhatEthersSigner = market.accounts.buyer,
): Promise<bigint> {
  const listing = await market.registry.getListing(listingId);
  const amount = listing.price * quantity;
  if (listing.token === ZERO_ADDRESS) {
    return orderIdFrom(
      market,
      await market.escrow.connect(buyer).buy(listingId, quantity, listing.version, { value: amount }),
    );
  }
  const token = await market.connection.ethers.getContractAt("DemoToken", listing.token);
  await (await token.connect(buyer).approve(await market.escrow.getAddress(), amount)).wait();
  return orderIdFrom(market, await market.escrow.connect(buyer).buy(listingId, quantity, listing.version));
}

/** Buys and has the seller fulfil; returns the order id. */
export async function buyAndFulfill(market: Marketplace, listingId: bigint, quantity = 1n): Promise<bigint> {
  const orderId = await buy(market, listingId, quantity);
  await (await market.escrow.connect(market.accounts.seller).fulfill(orderId, TERMS.noteDigest)).wait();
  return orderId;
}

/** Buys, fulfils and has the buyer open a dispute; returns the order id. */
export async function buyAndDispute(market: Marketplace, listingId: bigint, quantity = 1n): Promise<bigint> {
  const orderId = await buyAndFulfill(market, listingId, quantity);
  await (await market.escrow.connect(market.accounts.buyer).openDispute(orderId, TERMS.evidenceDigest)).wait();
  return orderId;
}

/** The timestamp of the block that included a transaction. */
export async function blockTimeOf(market: Marketplace, tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  const block = await market.connection.ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}

/** Signs an EIP-2612 permit for `spender` with the owner's key. */
export async function signPermit(
  market: Marketplace,
  owner: HardhatEthersSigner,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<{ v: number; r: string; s: string }> {
  const { token } = market;
  const { chainId } = await market.connection.ethers.provider.getNetwork();
  const typed = permitTypedData({
    tokenName: await token.name(),
    chainId,
    token: (await token.getAddress()) as Address,
    owner: owner.address as Address,
    spender: spender as Address,
    value,
    nonce: await token.nonces(owner.address),
    deadline,
  });
  const signature = await owner.signTypedData(typed.domain, { Permit: [...typed.types.Permit] }, typed.message);
  const { v, r, s } = market.connection.ethers.Signature.from(signature);
  return { v, r, s };
}
