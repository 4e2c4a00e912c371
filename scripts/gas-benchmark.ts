/**
 * Gas benchmark: deploys the marketplace on a fresh in-process chain and measures each operation in its own
 * transaction and block (so every account and slot starts cold, EIP-2929), in steady state: the measured listing or
 * order is never the first of the deployment. Prints a table with the budgets and writes gas-report.json.
 *
 *   npm run gas
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";

import { network } from "hardhat";

import { deployMarketplace, listingTerms, TERMS, type Marketplace } from "../test/helpers/fixtures.js";
import { signPermit } from "../test/helpers/orders.js";

type Operation =
  | "createListing"
  | "buyEth"
  | "buyErc20"
  | "buyWithPermit"
  | "fulfill"
  | "confirm"
  | "completeAfterTimeout"
  | "cancelAfterDeadline"
  | "decline"
  | "openDispute"
  | "submitEvidence"
  | "rule"
  | "proposeSettlement"
  | "settle"
  | "withdraw"
  | "rate"
  | "rateAgain"
  | "roundTrip"
  | "cycle";

/**
 * Every operation has a budget that fails the run when exceeded. The first seven are the protocol's targets; the
 * others sit at most 5% above what v2 measured, so that a change that costs gas is noticed and justified.
 */
const BUDGETS: Record<Operation, number> = {
  createListing: 105_000,
  buyEth: 100_000,
  buyErc20: 120_000,
  fulfill: 35_000,
  confirm: 55_000,
  roundTrip: 150_000,
  cycle: 280_000,
  buyWithPermit: 147_500,
  completeAfterTimeout: 64_500,
  cancelAfterDeadline: 69_500,
  decline: 51_500,
  openDispute: 44_500,
  submitEvidence: 31_500,
  rule: 84_000,
  proposeSettlement: 65_500,
  settle: 62_000,
  withdraw: 33_500,
  rate: 83_500,
  rateAgain: 65_500,
};

const DESCRIPTIONS: Record<Operation, string> = {
  createListing: "second listing of the deployment",
  buyEth: "second order, ETH, exact msg.value",
  buyErc20: "second token order, allowance given",
  buyWithPermit: "token order paid with an EIP-2612 permit signature",
  fulfill: "seller marks a funded order fulfilled",
  confirm: "buyer confirms; seller credited, 1% protocol fee",
  completeAfterTimeout: "anyone, after the confirmation deadline",
  cancelAfterDeadline: "buyer, after the fulfilment deadline",
  decline: "seller refuses a funded order",
  openDispute: "buyer disputes a fulfilled order",
  submitEvidence: "the seller answers a dispute (opens the ruling)",
  rule: "arbiter rules 60/40 with a 2% fee",
  proposeSettlement: "a party proposes a split",
  settle: "other party accepts a proposed split",
  withdraw: "seller withdraws its ETH credit",
  rate: "buyer's first rating, with a review",
  rateAgain: "a rating by a buyer who has rated before",
  roundTrip: "buyEth + confirm",
  cycle: "createListing + buyEth + fulfill + confirm",
};

async function main(): Promise<void> {
  const connection = await network.create();
  const market = await deployMarketplace(connection);
  const { escrow, registry, reputation, token, accounts } = market;
  const { seller, buyer, arbiter, stranger } = accounts;
  const { time } = connection.networkHelpers;

  const gas: Partial<Record<Operation, bigint>> = {};
  const measure = async (op: Operation, tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) => {
    const receipt = await (await tx).wait();
    if (receipt === null) throw new Error(`${op}: no receipt`);
    gas[op] = receipt.gasUsed;
  };

  // Warm-up: the deployment's first listing and first order pay for slots that stay non-zero afterwards (the
  // listing counter, the escrow's balance, the seller's credit, the completed-order counters).
  await createEthListing(market);
  let orderId = await buyEth(market, 1n);
  await (await escrow.connect(seller).fulfill(orderId, TERMS.noteDigest)).wait();
  await (await escrow.connect(buyer).confirm(orderId)).wait();

  // Steady state.
  await measure("createListing", registry.connect(seller).createListing(listingTerms()));
  const listingId = await registry.listingCount();
  const price = TERMS.price;
  const placed = escrow.connect(buyer).buy(listingId, 1n, 1n, { value: price });
  await measure("buyEth", placed);
  orderId = await lastOrderId(market);
  await measure("fulfill", escrow.connect(seller).fulfill(orderId, TERMS.noteDigest));
  await measure("confirm", escrow.connect(buyer).confirm(orderId));
  await measure("rate", reputation.connect(buyer).rate(orderId, 5n, TERMS.reviewDigest));

  // Token purchase: the first token order (warm-up) funds the escrow's token balance.
  await (await registry.connect(seller).createListing(listingTerms({ token: await token.getAddress() }))).wait();
  const tokenListing = await registry.listingCount();
  await (await token.connect(buyer).approve(await escrow.getAddress(), 2n * price)).wait();
  await (await escrow.connect(buyer).buy(tokenListing, 1n, 1n)).wait();
  await measure("buyErc20", escrow.connect(buyer).buy(tokenListing, 1n, 1n));
  const permitDeadline = BigInt(await time.latest()) + 3_600n;
  const { v, r, s } = await signPermit(market, buyer, await escrow.getAddress(), price, permitDeadline);
  await measure("buyWithPermit", escrow.connect(buyer).buyWithPermit(tokenListing, 1n, 1n, permitDeadline, v, r, s));

  // Timed exits.
  orderId = await buyEth(market, listingId);
  await (await escrow.connect(seller).fulfill(orderId, TERMS.noteDigest)).wait();
  await time.increase(TERMS.confirmationWindow);
  await measure("completeAfterTimeout", escrow.connect(stranger).complete(orderId));
  await measure("rateAgain", reputation.connect(buyer).rate(orderId, 4n, TERMS.reviewDigest));

  orderId = await buyEth(market, listingId);
  await time.increase(TERMS.fulfillmentWindow);
  await measure("cancelAfterDeadline", escrow.connect(buyer).cancel(orderId));

  orderId = await buyEth(market, listingId);
  await measure("decline", escrow.connect(seller).decline(orderId));

  // Disputes.
  orderId = await buyEth(market, listingId);
  await (await escrow.connect(seller).fulfill(orderId, TERMS.noteDigest)).wait();
  await measure("openDispute", escrow.connect(buyer).openDispute(orderId, TERMS.evidenceDigest));
  await measure("submitEvidence", escrow.connect(seller).submitEvidence(orderId, TERMS.evidenceDigest));
  await measure("rule", escrow.connect(arbiter).rule(orderId, 6_000n));

  orderId = await buyEth(market, listingId);
  await (await escrow.connect(seller).fulfill(orderId, TERMS.noteDigest)).wait();
  await (await escrow.connect(buyer).openDispute(orderId, TERMS.evidenceDigest)).wait();
  await measure("proposeSettlement", escrow.connect(seller).proposeSettlement(orderId, 3_000n));
  await measure("settle", escrow.connect(buyer).acceptSettlement(orderId, 3_000n));

  await measure("withdraw", escrow.connect(seller).withdraw("0x0000000000000000000000000000000000000000"));

  gas.roundTrip = gas.buyEth! + gas.confirm!;
  gas.cycle = gas.createListing! + gas.buyEth! + gas.fulfill! + gas.confirm!;

  printTable(gas);
  const report = Object.fromEntries(Object.entries(gas).map(([op, used]) => [op, Number(used)]));
  const file = path.resolve(import.meta.dirname, "..", "gas-report.json");
  await writeFile(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nWrote ${path.relative(process.cwd(), file) || file}`);

  const over = Object.entries(BUDGETS).filter(([op, budget]) => Number(gas[op as Operation]) > budget);
  if (over.length > 0) {
    console.error(`Over budget: ${over.map(([op]) => op).join(", ")}`);
    process.exitCode = 1;
  }
}

async function createEthListing(market: Marketplace): Promise<void> {
  await (await market.registry.connect(market.accounts.seller).createListing(listingTerms())).wait();
}

async function buyEth(market: Marketplace, listingId: bigint): Promise<bigint> {
  await (
    await market.escrow.connect(market.accounts.buyer).buy(listingId, 1n, 1n, { value: TERMS.price })
  ).wait();
  return lastOrderId(market);
}

async function lastOrderId(market: Marketplace): Promise<bigint> {
  const events = await market.escrow.queryFilter(market.escrow.filters.OrderPlaced());
  const last = events.at(-1);
  if (last === undefined) throw new Error("no order placed");
  return last.args.orderId;
}

function printTable(gas: Partial<Record<Operation, bigint>>): void {
  const rows = (Object.keys(DESCRIPTIONS) as Operation[]).map((op) => {
    const used = gas[op];
    const budget = BUDGETS[op];
    const verdict = Number(used) <= budget ? "ok" : "OVER";
    return [
      op,
      used === undefined ? "-" : Number(used).toLocaleString("en-US"),
      `<= ${budget.toLocaleString("en-US")}`,
      verdict,
      DESCRIPTIONS[op],
    ];
  });
  const header = ["operation", "gas", "budget", "", "what is measured"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

await main();
