/**
 * Market activity for the analytics tests, on top of the seeded demo market, spread over more than three months of
 * chain time: an old sale (outside the 90-day windows), sales at changing prices, repeat buyers, a sold-out and a
 * running-low listing, a dispute ruled, a decline, a cancellation, near-duplicate titles from two sellers, buyers
 * funded by their seller (ETH in a transaction, a token transfer, an escrow withdrawal), a pair trading back and
 * forth at tiny amounts, and protocol fees claimed. Everything through signed transactions, as people would.
 */
import { demoTokenAbi, encodeDocument, escrowAbi, evidenceSchema, listingRegistryAbi, reputationAbi } from "@souk/sdk";
import { createWalletClient, erc20Abi, http, keccak256, parseEther, parseUnits, stringToHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { devAccount, ROLES } from "../../scripts/local/accounts.ts";
import { rpc } from "../../scripts/local/chain.ts";
import { ETH, type Account } from "../../scripts/local/market-writer.ts";
import type { TestMarket } from "./test-market.ts";

const HOUR = 3_600;
const DAY = 24 * HOUR;
const NO_DOCUMENT = `0x${"0".repeat(64)}` as const;

/** A deterministic account nobody funded at genesis (so that where its money came from is on the chain). */
function freshAccount(label: string): Account {
  return privateKeyToAccount(keccak256(stringToHex(`souk insights test ${label}`))) as unknown as Account;
}

export interface InsightsScenario {
  sellers: { radios: Account; scarves: Account; pairA: Account; pairB: Account };
  listings: { radio: bigint; lamp: bigint; similarRadio: bigint; closedRadio: bigint; scarf: bigint; sticker: bigint; keychain: bigint };
  funded: { byEth: Account; byToken: Account; byWithdrawal: Account };
  dusd: Address;
}

export async function playInsightsScenario(market: TestMarket): Promise<InsightsScenario> {
  const { writer, deployment } = market;
  const arbiter = devAccount(ROLES.arbiter);
  const dusd = deployment.tokens.find((t) => t.symbol === "DUSD")!.address as Address;
  const [radios, scarves, buyerA, buyerB, buyerC, buyerD, gasStation, pairA, pairB] = [
    devAccount(7), devAccount(8), devAccount(10), devAccount(11), devAccount(12), devAccount(13), devAccount(15), devAccount(16), devAccount(17),
  ] as const;
  const byEth = freshAccount("funded by ETH");
  const byToken = freshAccount("funded by token");
  const byWithdrawal = freshAccount("funded by withdrawal");

  const advance = async (seconds: number) => {
    await rpc(market.chain.url, "evm_increaseTime", [seconds]);
    await rpc(market.chain.url, "evm_mine");
  };
  const escrow = (account: Account, functionName: string, args: readonly unknown[]) =>
    writer.send(account, { address: deployment.escrow, abi: escrowAbi, functionName, args });
  const registry = (account: Account, functionName: string, args: readonly unknown[]) =>
    writer.send(account, { address: deployment.registry, abi: listingRegistryAbi, functionName, args });
  const rate = (rater: Account, orderId: bigint, score: number) =>
    writer.send(rater, { address: deployment.reputation, abi: reputationAbi, functionName: "rate", args: [orderId, BigInt(score), NO_DOCUMENT] });
  const sendEth = async (from: Account, to: Account, value: bigint) => {
    const wallet = createWalletClient({ account: from, chain: writer.publicClient.chain, transport: http(market.chain.url) });
    const hash = await wallet.sendTransaction({ to: to.address, value, account: from, chain: writer.publicClient.chain });
    await writer.publicClient.waitForTransactionReceipt({ hash });
  };
  const token = (account: Account, functionName: string, args: readonly unknown[]) =>
    writer.send(account, { address: dusd, abi: functionName === "faucet" ? demoTokenAbi : erc20Abi, functionName, args });
  const buyDusd = async (buyer: Account, listingId: bigint, quantity: bigint) => {
    const listing = await writer.publicClient.readContract({ address: deployment.registry as Address, abi: listingRegistryAbi, functionName: "getListing", args: [listingId] });
    await token(buyer, "approve", [deployment.escrow, listing.price * quantity]);
    const receipt = await escrow(buyer, "buy", [listingId, quantity, listing.version]);
    const { parseEventLogs } = await import("viem");
    return parseEventLogs({ abi: escrowAbi, logs: receipt.logs, eventName: "OrderPlaced" })[0]!.args.orderId;
  };
  /** Bought, shipped after `ship` seconds, confirmed `confirmAfter` seconds later; rated when a score is given. */
  const sale = async (
    buyer: Account,
    seller: Account,
    listingId: bigint,
    quantity: bigint,
    timing: { ship: number; confirmAfter: number },
    score?: number,
    pay: "eth" | "dusd" = "eth",
  ) => {
    const orderId = pay === "eth" ? await writer.buyWithEth(buyer, listingId, quantity) : await buyDusd(buyer, listingId, quantity);
    await advance(timing.ship);
    await escrow(seller, "fulfill", [orderId, NO_DOCUMENT]);
    await advance(timing.confirmAfter);
    await escrow(buyer, "confirm", [orderId]);
    if (score !== undefined) await rate(buyer, orderId, score);
    return orderId;
  };
  const list = async (seller: Account, input: Parameters<typeof writer.createListing>[2]) =>
    (await writer.createListing(seller, arbiter.address, input)).listingId;

  // An old sale, more than 90 days before the rest: in the weekly series, not in the daily one nor in price help.
  const radio = await list(radios, { title: "Portable transistor radio", category: "Electronics", price: parseEther("0.5"), stock: 12n });
  await sale(buyerA, radios, radio, 1n, { ship: 2 * HOUR, confirmAfter: DAY }, 4);
  await advance(100 * DAY);

  // Sales at changing prices (each price change is a new version), a repeat buyer.
  await registry(radios, "updateListing", [radio, parseEther("0.02"), 0n, NO_DOCUMENT]);
  await sale(buyerB, radios, radio, 2n, { ship: 5 * HOUR, confirmAfter: 2 * DAY }, 5);
  await advance(DAY);
  await sale(buyerC, radios, radio, 1n, { ship: HOUR, confirmAfter: 6 * HOUR }, 5);
  await registry(radios, "updateListing", [radio, parseEther("0.03"), 0n, NO_DOCUMENT]);
  await sale(buyerA, radios, radio, 1n, { ship: 3 * HOUR, confirmAfter: DAY }, 3);
  await advance(3 * DAY);
  await sale(buyerD, radios, radio, 1n, { ship: 7 * HOUR, confirmAfter: 3 * DAY });

  // Sold out, disputed and ruled (70% back to the buyer).
  const lamp = await list(radios, { title: "Vintage brass desk lamp", category: "Home & Garden", price: parseEther("0.08"), stock: 1n });
  {
    const orderId = await writer.buyWithEth(buyerC, lamp, 1n);
    await escrow(radios, "fulfill", [orderId, NO_DOCUMENT]);
    await advance(DAY);
    const evidence = (text: string) => writer.uploadBytes(encodeDocument(evidenceSchema, { schema: "souk.evidence/1", text }));
    await escrow(buyerC, "openDispute", [orderId, await evidence("The lamp arrived with a cracked shade.")]);
    await escrow(radios, "submitEvidence", [orderId, await evidence("It left the workshop intact, photos attached.")]);
    await escrow(arbiter, "rule", [orderId, 7_000n]);
  }

  // Another seller: a near-duplicate title (similar), one closed, and scarves in DUSD.
  const similarRadio = await list(scarves, { title: "Portable transistor radio, restored", category: "Electronics", price: parseEther("0.025"), stock: 3n });
  const closedRadio = await list(scarves, { title: "Portable transistor radio", category: "Electronics", price: parseEther("0.02"), stock: 2n });
  await registry(scarves, "closeListing", [closedRadio]);
  const scarf = await list(scarves, { title: "Hand-knitted winter scarf in merino", category: "Fashion", token: dusd, price: parseUnits("25", 6), stock: 9n });
  await token(buyerB, "faucet", [buyerB.address, parseUnits("1000", 6)]);
  await sale(buyerB, scarves, scarf, 2n, { ship: 4 * HOUR, confirmAfter: DAY }, 5, "dusd");

  // A buyer funded with ETH by the seller, in the seller's own transaction.
  await sendEth(radios, byEth, parseEther("0.2"));
  await advance(HOUR);
  await sale(byEth, radios, radio, 1n, { ship: HOUR, confirmAfter: HOUR }, 5);

  // A buyer funded with the order's token by the seller (gas from someone else).
  await sendEth(gasStation, byToken, parseEther("0.05"));
  await token(scarves, "faucet", [scarves.address, parseUnits("100", 6)]);
  await token(scarves, "transfer", [byToken.address, parseUnits("30", 6)]);
  await sale(byToken, scarves, scarf, 1n, { ship: 2 * HOUR, confirmAfter: HOUR }, 5, "dusd");

  // A buyer funded by the seller's escrow credit, withdrawn to it.
  await sendEth(gasStation, byWithdrawal, parseEther("0.05"));
  await escrow(scarves, "withdrawTo", [dusd, byWithdrawal.address]);
  await sale(byWithdrawal, scarves, scarf, 1n, { ship: HOUR, confirmAfter: 2 * HOUR }, 4, "dusd");

  // Two accounts trading back and forth at tiny amounts, each rating the other.
  const tiny = 10n ** 12n;
  // A title a spreadsheet would run as a formula: the CSV export must defuse it.
  const sticker = await list(pairA, { title: "=HYPERLINK(\"http://evil.example\", \"Sticker sheet\")", category: "Other", price: tiny, stock: 5n });
  const keychain = await list(pairB, { title: "Brass keychain", category: "Other", price: tiny, stock: 5n });
  await sale(pairB, pairA, sticker, 1n, { ship: 60, confirmAfter: 60 }, 5);
  await sale(pairA, pairB, keychain, 1n, { ship: 60, confirmAfter: 60 }, 5);

  // A decline, and a cancellation after the missed fulfilment deadline (rated by the buyer, as it may be).
  {
    const declined = await writer.buyWithEth(buyerB, similarRadio, 1n);
    await escrow(scarves, "decline", [declined]);
    const cancelled = await writer.buyWithEth(buyerD, similarRadio, 1n);
    await advance(4 * DAY);
    await escrow(buyerD, "cancel", [cancelled]);
    await rate(buyerD, cancelled, 1);
  }

  // The fee recipient claims the protocol's ETH fees.
  await escrow(devAccount(ROLES.deployer), "claimProtocolFees", [ETH]);
  await advance(HOUR);

  return {
    sellers: { radios, scarves, pairA, pairB },
    listings: { radio, lamp, similarRadio, closedRadio, scarf, sticker, keychain },
    funded: { byEth, byToken, byWithdrawal },
    dusd,
  };
}
