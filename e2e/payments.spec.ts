/**
 * Paying and getting paid, including when things go wrong: ERC-20 purchases (an exact approval for a token without
 * permit, one signature for an EIP-2612 token), a seller who never ships (the buyer cancels and withdraws the
 * refund), a buyer who never confirms (anyone completes; the seller withdraws the amount minus the 1% protocol fee),
 * a declined order, and a price changed by the seller while the buyer's page is open. Each test lists its own item
 * from fresh accounts; every amount is checked to the unit on the page and on the chain.
 */
import { ETH, escrowAbi, orderLabel } from "@souk/sdk/contracts";
import type { Page } from "@playwright/test";
import { getAddress, parseEther, parseUnits, zeroHash } from "viem";

import { connect, expect, test } from "./support/fixtures.ts";
import {
  allowance,
  buyDirect,
  closePeople,
  escrowFunctionOf,
  expectNotificationsClearOf,
  gasPaid,
  HOUR,
  listItem,
  openPerson,
  orderEvents,
  permitNonce,
  PROTOCOL_FEE_BPS,
  protocolFees,
  sellerShareOfCompleted,
  tokenBalance,
  tokenOf,
  uniqueWord,
  withdrawals,
} from "./support/core-journey-payments.ts";

test.afterEach(async ({}, testInfo) => closePeople(testInfo));

/** The order page's "next step" heading (what the viewer should do, or what happens next). */
function nextStepIs(page: Page, title: string) {
  return page.getByRole("heading", { level: 2, name: title, exact: true });
}

/** How many wallet prompts of `method` the person approved. */
function approved(requests: ReadonlyArray<{ method: string; outcome: string }>, method: string): number {
  return requests.filter((r) => r.method === method && r.outcome === "approved").length;
}

test("a buyer pays in DGLD (no permit) in two steps: allows exactly the total, then buys", async ({ page, stack, market, makeWallet }) => {
  const dgld = tokenOf(stack, "DGLD");
  expect(dgld).toMatchObject({ decimals: 18, permit: false });
  const title = `Brass ship's compass ${uniqueWord()}`;
  const price = parseUnits("12.5", 18);
  const total = price * 2n;
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount({ tokens: true });
  const listingId = await listItem(market, seller, { token: dgld.address, price, stock: 3n, arbiter: arbiter.address, title });
  const wallet = await makeWallet([buyer]);
  const panel = page.getByRole("region", { name: "Buy this" });

  await test.step("the buyer opens the listing, connects and chooses 2 units", async () => {
    await page.goto(`/listing/${listingId}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await connect(page);
    await expect(panel).toContainText("12.5 DGLD");
    await expect(panel).toContainText("per unit · only 3 left");
    await panel.getByRole("button", { name: "One more" }).click();
    await expect(panel.getByLabel("Quantity", { exact: true })).toHaveValue("2");
    await expect(panel).toContainText("Total25 DGLD");
    await expect(panel).toContainText("Your balance10,000 DGLD");

    const steps = panel.getByRole("list", { name: "Two steps to pay" });
    await expect(steps).toContainText("1. Allow the escrow to take 25 DGLD");
    await expect(steps).toContainText("DGLD has no one-signature payment");
    await expect(steps.getByRole("button", { name: "Pay 25 DGLD" })).toBeDisabled();
    expect(await allowance(market, dgld.address, buyer.address)).toBe(0n);
  });

  await test.step("step 1: the buyer allows the escrow to take exactly 25 DGLD", async () => {
    const steps = panel.getByRole("list", { name: "Two steps to pay" });
    await steps.getByRole("button", { name: "Allow" }).click();
    await expect(steps.getByText("Allowed")).toBeVisible();
    await expect(steps.getByRole("button", { name: "Pay 25 DGLD" })).toBeEnabled();

    expect(await allowance(market, dgld.address, buyer.address)).toBe(total);
    expect(await tokenBalance(market, dgld.address, buyer.address)).toBe(parseUnits("10000", 18));
    expect(approved(wallet.requests, "eth_sendTransaction")).toBe(1);
  });

  await test.step("step 2: the buyer pays, and exactly 25 DGLD move from the buyer to the escrow", async () => {
    const buyerBefore = await tokenBalance(market, dgld.address, buyer.address);
    const escrowBefore = await tokenBalance(market, dgld.address, stack.escrow);
    await panel.getByRole("button", { name: "Pay 25 DGLD" }).click();
    await expect(panel.getByRole("heading", { name: "Order placed" })).toBeVisible();

    const orderId = await market.lastOrderOf(buyer.address);
    await expect(panel).toContainText(`You paid 25 DGLD for 2 units (order ${orderLabel(orderId)})`);
    expect(await market.order(orderId)).toMatchObject({
      stateName: "Funded",
      listingId,
      buyer: buyer.address,
      seller: seller.address,
      token: dgld.address,
      amount: total,
      quantity: 2n,
      protocolFeeBps: PROTOCOL_FEE_BPS,
    });
    expect(buyerBefore - (await tokenBalance(market, dgld.address, buyer.address))).toBe(total);
    expect((await tokenBalance(market, dgld.address, stack.escrow)) - escrowBefore).toBe(total);
    expect(await allowance(market, dgld.address, buyer.address)).toBe(0n);
    expect((await market.listing(listingId)).stock).toBe(1n);
    // Two transactions (approve, buy) and no signature.
    expect(approved(wallet.requests, "eth_sendTransaction")).toBe(2);
    expect(approved(wallet.requests, "eth_signTypedData_v4")).toBe(0);
  });
});

test("a buyer pays in DUSD with a single permit signature and one transaction", async ({ page, stack, market, makeWallet }) => {
  const dusd = tokenOf(stack, "DUSD");
  expect(dusd).toMatchObject({ decimals: 6, permit: true });
  const title = `Linen tea towels ${uniqueWord()}`;
  const price = parseUnits("19.99", 6);
  const total = price * 3n;
  expect(total).toBe(59_970_000n);
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount({ tokens: true });
  const listingId = await listItem(market, seller, { token: dusd.address, price, stock: 10n, arbiter: arbiter.address, title });
  const wallet = await makeWallet([buyer]);
  const panel = page.getByRole("region", { name: "Buy this" });

  await test.step("the buyer opens the listing, connects and chooses 3 units", async () => {
    await page.goto(`/listing/${listingId}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await connect(page);
    await expect(panel).toContainText("19.99 DUSD");
    await expect(panel).toContainText("per unit · 10 in stock");
    await panel.getByLabel("Quantity", { exact: true }).fill("3");
    await expect(panel).toContainText("Total59.97 DUSD");
    await expect(panel).toContainText("Your balance10,000 DUSD");
    await expect(panel).toContainText("One signature allows this exact payment, then one transaction pays. No separate approval.");
    await expect(panel.getByRole("list", { name: "Two steps to pay" })).toHaveCount(0);
    expect(await allowance(market, dusd.address, buyer.address)).toBe(0n);
    expect(await permitNonce(market, dusd.address, buyer.address)).toBe(0n);
  });

  await test.step("the buyer signs one permit and sends one transaction: exactly 59.97 DUSD move into escrow", async () => {
    const buyerBefore = await tokenBalance(market, dusd.address, buyer.address);
    const escrowBefore = await tokenBalance(market, dusd.address, stack.escrow);
    await panel.getByRole("button", { name: "Pay 59.97 DUSD" }).click();
    await expect(panel.getByRole("heading", { name: "Order placed" })).toBeVisible();

    const orderId = await market.lastOrderOf(buyer.address);
    await expect(panel).toContainText(`You paid 59.97 DUSD for 3 units (order ${orderLabel(orderId)})`);
    expect(await market.order(orderId)).toMatchObject({
      stateName: "Funded",
      listingId,
      buyer: buyer.address,
      token: dusd.address,
      amount: total,
      quantity: 3n,
    });
    expect(buyerBefore - (await tokenBalance(market, dusd.address, buyer.address))).toBe(total);
    expect((await tokenBalance(market, dusd.address, stack.escrow)) - escrowBefore).toBe(total);
    expect((await market.listing(listingId)).stock).toBe(7n);

    // One signature, one transaction (buyWithPermit); the permit was used up, leaving no allowance behind.
    expect(approved(wallet.requests, "eth_signTypedData_v4")).toBe(1);
    expect(approved(wallet.requests, "eth_sendTransaction")).toBe(1);
    const [placed] = await orderEvents(market, "OrderPlaced", orderId);
    expect(await escrowFunctionOf(market, placed!.transactionHash)).toBe("buyWithPermit");
    expect(await allowance(market, dusd.address, buyer.address)).toBe(0n);
    expect(await permitNonce(market, dusd.address, buyer.address)).toBe(1n);
  });
});

test("a buyer whose seller never ships cancels after the deadline and withdraws the full refund", async ({ page, market, makeWallet }) => {
  const title = `Hand-bound notebook ${uniqueWord()}`;
  const price = parseEther("0.3");
  const amount = price * 2n;
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount();
  const listingId = await listItem(market, seller, { price, stock: 4n, arbiter: arbiter.address, title, fulfillmentWindow: HOUR });
  const orderId = await buyDirect(market, buyer, listingId, 2n);
  expect((await market.listing(listingId)).stock).toBe(2n);
  await makeWallet([buyer]);

  await test.step("before the shipping deadline the buyer can only wait", async () => {
    await page.goto(`/orders/${orderId}`);
    await connect(page);
    await expect(nextStepIs(page, "Waiting for the seller")).toBeVisible();
    await expect(page.getByText("After this, you can cancel and get a full refund.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel and get a full refund" })).toHaveCount(0);
  });

  await test.step("after the deadline (chain time +1 hour) the buyer cancels from the order page", async () => {
    await market.increaseTime(HOUR);
    await expect(nextStepIs(page, "Cancel for a full refund")).toBeVisible();
    await expect(page.getByText("The seller missed it: you can cancel and get a full refund.")).toBeVisible();
    await expect(page.getByText("Cancelling ends the order and credits you 0.6 ETH, which you can then withdraw.")).toBeVisible();
    await page.getByRole("button", { name: "Cancel and get a full refund" }).click();

    await expect(page.getByText("The seller did not ship in time and the buyer got a full refund.")).toBeVisible();
    // The order ended; the buyer may still rate the seller who never shipped.
    await expect(nextStepIs(page, "Rate the seller")).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Cancelled after the shipping deadline");
    await expect(history).toContainText("The buyer was refunded 0.6 ETH in full.");

    expect((await market.order(orderId)).stateName).toBe("Cancelled");
    expect(await market.credit(buyer.address)).toBe(amount);
    expect((await market.listing(listingId)).stock).toBe(4n);
  });

  await test.step("the buyer withdraws the refund from the balance panel: 0.6 ETH back, minus only the gas", async () => {
    await page.getByRole("link", { name: "Withdraw it from your orders page" }).click();
    const balances = page.getByRole("region", { name: "Ready to withdraw" });
    await expect(balances).toContainText("0.6 ETH");
    const before = await market.client.getBalance({ address: buyer.address });
    await balances.getByRole("button", { name: "Withdraw" }).click();
    await expect(balances).toContainText("Nothing to withdraw right now.");

    expect(await market.credit(buyer.address)).toBe(0n);
    const withdrawn = await withdrawals(market, buyer.address);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ amount, to: buyer.address });
    const gas = await gasPaid(market, withdrawn[0]!.hash);
    expect((await market.client.getBalance({ address: buyer.address })) - before).toBe(amount - gas);
  });
});

test("anyone completes an order the buyer never confirmed, and the seller withdraws the amount minus the 1% protocol fee", async ({
  page,
  market,
  makeWallet,
}) => {
  const title = `Ceramic planter ${uniqueWord()}`;
  const price = parseEther("1.2345");
  const { seller: sellerShare, protocol } = sellerShareOfCompleted(price);
  expect(sellerShare).toBe(parseEther("1.222155"));
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount();
  const anyone = await market.freshAccount();
  const listingId = await listItem(market, seller, { price, stock: 1n, arbiter: arbiter.address, title, confirmationWindow: HOUR });
  const orderId = await buyDirect(market, buyer, listingId);
  await market.write(seller, market.stack.escrow, escrowAbi, "fulfill", [orderId, zeroHash]);
  // The fee in force at purchase is the one the payout uses.
  expect(await market.order(orderId)).toMatchObject({ stateName: "Fulfilled", amount: price, protocolFeeBps: PROTOCOL_FEE_BPS });
  // One wallet holding two people: a passer-by first, then the seller (switched to, as in an extension).
  const wallet = await makeWallet([anyone, seller]);

  await test.step("before the confirmation deadline a third person cannot complete the order", async () => {
    await page.goto(`/orders/${orderId}`);
    await connect(page);
    await expect(nextStepIs(page, "Waiting for the buyer")).toBeVisible();
    await expect(page.getByRole("button", { name: "Complete for the seller" })).toHaveCount(0);
  });

  await test.step("after the deadline (chain time +1 hour) the third person completes it from the order page", async () => {
    const feesBefore = await protocolFees(market);
    await market.increaseTime(HOUR);
    await expect(nextStepIs(page, "Ready to complete")).toBeVisible();
    await expect(page.getByText("anyone can now release the payment: the seller gets 1.222155 ETH.")).toBeVisible();
    await page.getByRole("button", { name: "Complete for the seller" }).click();

    await expect(nextStepIs(page, "Order completed")).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Completed after the confirmation period");
    await expect(history).toContainText("The seller was paid 1.222155 ETH (protocol fee 0.012345 ETH).");

    expect((await market.order(orderId)).stateName).toBe("Completed");
    const [completed] = await orderEvents(market, "OrderCompleted", orderId);
    expect(completed!.args).toMatchObject({ sellerAmount: sellerShare, protocolFee: protocol, byTimeout: true });
    const tx = await market.client.getTransaction({ hash: completed!.transactionHash });
    expect(getAddress(tx.from)).toBe(anyone.address);
    expect(await market.credit(seller.address)).toBe(sellerShare);
    expect(await market.credit(anyone.address)).toBe(0n);
    expect((await protocolFees(market)) - feesBefore).toBe(protocol);
  });

  await test.step("the seller withdraws exactly 1.222155 ETH (1.2345 ETH minus 1%)", async () => {
    await wallet.switchAccount(1);
    await expect(page.getByLabel(`Account ${seller.address}`)).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    const balances = page.getByRole("region", { name: "Ready to withdraw" });
    await expect(balances).toContainText("1.222155 ETH");
    const before = await market.client.getBalance({ address: seller.address });
    await balances.getByRole("button", { name: "Withdraw" }).click();
    await expect(balances).toContainText("Nothing to withdraw right now.");

    const withdrawn = await withdrawals(market, seller.address);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ amount: sellerShare, to: seller.address });
    const gas = await gasPaid(market, withdrawn[0]!.hash);
    expect((await market.client.getBalance({ address: seller.address })) - before).toBe(sellerShare - gas);
    expect(await market.credit(seller.address)).toBe(0n);
  });
});

test("a seller declines an order: the buyer is credited a full refund and the stock is back", async ({ page, stack, market, makeWallet }) => {
  const dusd = tokenOf(stack, "DUSD");
  const title = `Vintage tin robot ${uniqueWord()}`;
  const price = parseUnits("7.5", 6);
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount({ tokens: true });
  const listingId = await listItem(market, seller, { token: dusd.address, price, stock: 2n, arbiter: arbiter.address, title });
  const orderId = await buyDirect(market, buyer, listingId);
  expect((await market.listing(listingId)).stock).toBe(1n);
  const buyerBalance = await tokenBalance(market, dusd.address, buyer.address);
  const wallet = await makeWallet([seller, buyer]);

  await test.step("the seller finds the order in “My sales” and opens it", async () => {
    await page.goto("/orders");
    await connect(page);
    await page.getByRole("tab", { name: /My sales/ }).click();
    const sale = page.getByRole("tabpanel").getByRole("listitem").filter({ hasText: `Order ${orderLabel(orderId)}` });
    await expect(sale).toContainText("Needs your action: Ship or decline");
    await expect(sale).toContainText("7.5 DUSD · 1 unit");
    await sale.getByRole("link", { name: title }).click();
    await expect(nextStepIs(page, "Ship or decline")).toBeVisible();
  });

  await test.step("the seller declines, after being told the buyer gets 7.5 DUSD back", async () => {
    await expect(page.getByText("Declining refunds the buyer 7.5 DUSD in full and puts the unit back in stock.")).toBeVisible();
    await page.getByRole("button", { name: "Decline (full refund)" }).click();
    const dialog = page.getByRole("dialog", { name: "Decline this order?" });
    await expect(dialog).toContainText("The buyer gets 7.5 DUSD back in full, and the order ends. This cannot be undone.");
    await dialog.getByRole("button", { name: "Decline and refund" }).click();

    await expect(nextStepIs(page, "Declined and refunded")).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Declined");
    await expect(history).toContainText("The buyer was refunded 7.5 DUSD in full.");

    expect((await market.order(orderId)).stateName).toBe("Declined");
    expect(await market.credit(buyer.address, dusd.address)).toBe(price);
    expect(await market.credit(seller.address, dusd.address)).toBe(0n);
    expect((await market.listing(listingId)).stock).toBe(2n);
    // A refund is a credit: nothing was sent yet.
    expect(await tokenBalance(market, dusd.address, buyer.address)).toBe(buyerBalance);
  });

  await test.step("the buyer sees the 7.5 DUSD refund ready to withdraw", async () => {
    await wallet.switchAccount(1);
    await expect(page.getByLabel(`Account ${buyer.address}`)).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    const balances = page.getByRole("region", { name: "Ready to withdraw" });
    await expect(balances).toContainText("7.5 DUSD");
    const purchase = page.getByRole("tabpanel").getByRole("listitem").filter({ hasText: `Order ${orderLabel(orderId)}` });
    await expect(purchase).toContainText("Declined");
  });
});

test("a buyer whose seller changes the price while the page is open is stopped safely, sees the new price and buys at it", async ({
  page,
  browser,
  stack,
  market,
  makeWallet,
}) => {
  const title = `Cast-iron kettle ${uniqueWord()}`;
  const oldPrice = parseEther("0.1");
  const newPrice = parseEther("0.15");
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount();
  const listingId = await listItem(market, seller, { price: oldPrice, stock: 5n, arbiter: arbiter.address, title });
  const wallet = await makeWallet([buyer]);
  const panel = page.getByRole("region", { name: "Buy this" });
  // The buyer's page's timers are under the test's control: while the seller edits, they are paused, so the dApp
  // cannot notice the new price (it polls every 2 s) before the buyer's click. The purchase is then sent at the
  // version the buyer saw, which is exactly the case the contract's version check exists for.
  await page.clock.install();

  await test.step("the buyer opens the listing at 0.1 ETH and connects", async () => {
    await page.goto(`/listing/${listingId}`);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await connect(page);
    await expect(panel.getByRole("button", { name: "Pay 0.1 ETH" })).toBeEnabled();
  });

  await test.step("meanwhile, in the seller's browser, the seller raises the price to 0.15 ETH on the edit page", async () => {
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    const sellerSide = await openPerson(browser, stack, "seller", [seller]);
    const editor = sellerSide.page;
    await editor.goto(`/listing/${listingId}/edit`);
    await connect(editor);
    await expect(editor.getByRole("heading", { level: 1, name: `Edit “${title}”` })).toBeVisible();
    await expect(editor.getByLabel("Price per unit")).toHaveValue("0.1");
    await editor.getByLabel("Price per unit").fill("0.15");
    await editor.getByRole("button", { name: "Save changes" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "Saved." })).toHaveText("Saved. Buyers now see version 2.");
    expect(await market.listing(listingId)).toMatchObject({ price: newPrice, stock: 5n, version: 2n });
  });

  await test.step("the buyer, whose page still shows 0.1 ETH, clicks Pay and is stopped before anything is sent", async () => {
    await expect(panel.getByRole("button", { name: "Pay 0.1 ETH" })).toBeEnabled();
    const balanceBefore = await market.client.getBalance({ address: buyer.address });

    await panel.getByRole("button", { name: "Pay 0.1 ETH" }).click();
    await page.clock.resume();

    const notice = panel.getByRole("alert");
    await expect(notice).toContainText(
      "The seller changed this listing (its price or description) after you loaded it. Review the new terms and try again.",
    );
    await expect(notice).toContainText(/Price per unit: 0\.1 ETH\s*→\s*now 0\.15 ETH/);
    await expect(panel.getByRole("button", { name: "Pay 0.1 ETH" })).toBeDisabled();

    // Nothing was sent: no transaction, no order, not a wei spent.
    expect(approved(wallet.requests, "eth_sendTransaction")).toBe(0);
    await expect(market.lastOrderOf(buyer.address)).rejects.toThrow(/No order placed/);
    expect(await market.client.getBalance({ address: buyer.address })).toBe(balanceBefore);
  });

  await test.step("the buyer accepts the new terms and buys at 0.15 ETH", async () => {
    await panel.getByRole("button", { name: "Continue with the new terms" }).click();
    await expect(panel.getByRole("alert")).toHaveCount(0);
    await expect(panel).toContainText("Total0.15 ETH");
    const balanceBefore = await market.client.getBalance({ address: buyer.address });
    await panel.getByRole("button", { name: "Pay 0.15 ETH" }).click();
    await expect(panel.getByRole("heading", { name: "Order placed" })).toBeVisible();

    const orderId = await market.lastOrderOf(buyer.address);
    await expect(panel).toContainText(`You paid 0.15 ETH for 1 unit (order ${orderLabel(orderId)})`);
    expect(await market.order(orderId)).toMatchObject({ stateName: "Funded", listingId, token: ETH, amount: newPrice, quantity: 1n });
    const [placed] = await orderEvents(market, "OrderPlaced", orderId);
    expect(balanceBefore - (await market.client.getBalance({ address: buyer.address }))).toBe(newPrice + (await gasPaid(market, placed!.transactionHash)));
    expect((await market.listing(listingId)).stock).toBe(4n);
  });
});

test("a buyer who reloads while the purchase is being confirmed finds the listing saying they bought it, with the order", async ({ page, market, makeWallet }) => {
  const title = `Olive wood spoon ${uniqueWord()}`;
  const price = parseEther("0.015");
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount();
  const listingId = await listItem(market, seller, { price, stock: 4n, arbiter: arbiter.address, title });
  await makeWallet([buyer]);
  const panel = page.getByRole("region", { name: "Buy this" });
  const bought = panel.getByRole("status").filter({ hasText: "You bought this" });

  await test.step("the buyer pays, and the chain has not mined it yet (blocks are held back)", async () => {
    await page.goto(`/listing/${listingId}`);
    await connect(page);
    await expect(bought).toHaveCount(0);
    await market.rpc("evm_setAutomine", [false]);
    await panel.getByRole("button", { name: "Pay 0.015 ETH" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "Waiting for confirmation…" })).toBeVisible();
    // Sent and waiting: the buyer's pending transaction count is one ahead of the mined one.
    const count = (blockTag: "pending" | "latest") => market.client.getTransactionCount({ address: buyer.address, blockTag });
    expect([await count("latest"), await count("pending")]).toEqual([0, 1]);
  });

  await test.step("the buyer reloads the page in the middle of it: nothing is known yet, and nothing breaks", async () => {
    try {
      await page.reload();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(panel).toContainText("per unit · 4 in stock");
    } finally {
      // The payment is mined, as the network would mine it.
      await market.rpc("evm_mine");
      await market.rpc("evm_setAutomine", [true]);
    }
  });

  await test.step("once it is mined, the reloaded listing says the buyer bought it and links to the order", async () => {
    const orderId = await market.lastOrderOf(buyer.address);
    expect(await market.order(orderId)).toMatchObject({ stateName: "Funded", listingId, buyer: buyer.address, amount: price });
    await expect(bought).toContainText("You bought this");
    await expect(bought).toContainText("1 unit for 0.015 ETH · Paid");
    const link = bought.getByRole("link", { name: `View order ${orderLabel(orderId)}` });
    await expect(link).toHaveAttribute("href", `/orders/${orderId}`);
    await expect(panel).toContainText("per unit · only 3 left");
    await link.click();
    await expect(page).toHaveURL(`/orders/${orderId}`);
    await expect(nextStepIs(page, "Waiting for the seller")).toBeVisible();
  });
});

test("confirming receipt before the seller shipped asks the buyer to make sure, and going ahead pays the seller at once", async ({ page, market, makeWallet }) => {
  const title = `Market stall pickup ${uniqueWord()}`;
  const price = parseEther("0.2");
  const { seller: sellerShare } = sellerShareOfCompleted(price);
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount();
  const listingId = await listItem(market, seller, { price, stock: 2n, arbiter: arbiter.address, title });
  const orderId = await buyDirect(market, buyer, listingId);
  await makeWallet([buyer]);
  const dialog = page.getByRole("dialog", { name: "The seller has not shipped this yet" });

  await test.step("the order is paid and not shipped; the buyer presses Confirm receipt: the dialog warns", async () => {
    await page.goto(`/orders/${orderId}`);
    await connect(page);
    await expect(nextStepIs(page, "Waiting for the seller")).toBeVisible();
    await page.getByRole("button", { name: "Confirm receipt (release payment)" }).click();
    await expect(dialog).toContainText("The seller has not marked this order as shipped. Confirming pays the seller now, before anything was sent.");
    await expect(dialog).toContainText("The seller gets 0.198 ETH (the 0.2 ETH you paid, minus the 1% protocol fee of 0.002 ETH) at once, and the order ends.");
    await expect(dialog).toContainText("You give up the full refund you could claim if the seller never ships, and the chance to open a dispute.");
  });

  await test.step("going back changes nothing", async () => {
    await dialog.getByRole("button", { name: "Go back" }).click();
    await expect(dialog).toHaveCount(0);
    expect((await market.order(orderId)).stateName).toBe("Funded");
    expect(await market.credit(seller.address)).toBe(0n);
  });

  await test.step("the buyer who does have it goes ahead: the seller is paid now", async () => {
    await page.getByRole("button", { name: "Confirm receipt (release payment)" }).click();
    await dialog.getByRole("button", { name: "I have it: pay the seller now" }).click();
    await expect(nextStepIs(page, "Rate the seller")).toBeVisible();
    expect((await market.order(orderId)).stateName).toBe("Completed");
    expect(await market.credit(seller.address)).toBe(sellerShare);
  });
});

test("notifications never cover the panel in use: paying and shipping, on a desktop and at 375 px", async ({ browser, stack, market }) => {
  const title = `Beeswax candles ${uniqueWord()}`;
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount();
  const listingId = await listItem(market, seller, { price: parseEther("0.01"), stock: 5n, arbiter: arbiter.address, title });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
    let orderId = 0n;
    await test.step(`${viewport.width} px: the buyer pays; the notifications stay clear of the buy panel`, async () => {
      const shopper = await openPerson(browser, stack, `buyer-${viewport.width}`, [buyer], { viewport });
      await shopper.page.goto(`/listing/${listingId}`);
      await connect(shopper.page);
      const panel = shopper.page.getByRole("region", { name: "Buy this" });
      await panel.getByRole("button", { name: "Pay 0.01 ETH" }).click();
      await expect(panel.getByRole("heading", { name: "Order placed" })).toBeVisible();
      await expectNotificationsClearOf(shopper.page, panel);
      orderId = await market.lastOrderOf(buyer.address);
    });

    await test.step(`${viewport.width} px: the seller ships; the notifications stay clear of the order's next step`, async () => {
      const shop = await openPerson(browser, stack, `seller-${viewport.width}`, [seller], { viewport });
      await shop.page.goto(`/orders/${orderId}`);
      await connect(shop.page);
      const panel = shop.page.getByRole("region").filter({ has: shop.page.locator("#next-step-heading") });
      await expect(nextStepIs(shop.page, "Ship or decline")).toBeVisible();
      await shop.page.getByRole("button", { name: "Mark as shipped/delivered" }).click();
      await expect(nextStepIs(shop.page, "Waiting for the buyer")).toBeVisible();
      await expectNotificationsClearOf(shop.page, panel);
      expect((await market.order(orderId)).stateName).toBe("Fulfilled");
    });
  }
});

test("money waiting in the escrow shows in the header, and Withdraw all sends it to the wallet, one withdrawal per token", async ({ page, stack, market, makeWallet }) => {
  const dusd = tokenOf(stack, "DUSD");
  const seller = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const buyer = await market.freshAccount({ tokens: true });
  const ethPrice = parseEther("0.1");
  const dusdPrice = parseUnits("5", 6);
  for (const [token, price] of [[ETH, ethPrice], [dusd.address, dusdPrice]] as const) {
    const listingId = await listItem(market, seller, { token, price, stock: 1n, arbiter: arbiter.address, title: `Sold item ${uniqueWord()}` });
    const orderId = await buyDirect(market, buyer, listingId);
    await market.write(buyer, stack.escrow, escrowAbi, "confirm", [orderId]);
  }
  const ethCredit = sellerShareOfCompleted(ethPrice).seller;
  const dusdCredit = sellerShareOfCompleted(dusdPrice).seller;
  expect([await market.credit(seller.address), await market.credit(seller.address, dusd.address)]).toEqual([ethCredit, dusdCredit]);
  await makeWallet([seller]);
  const pill = page.getByLabel(/^To withdraw: /);

  await test.step("the seller connects on the browse page: the header shows what waits, per token", async () => {
    await page.goto("/");
    await connect(page);
    await expect(pill).toHaveAttribute("aria-label", "To withdraw: 0.099 ETH, 4.95 DUSD");
    await pill.click();
    const waiting = page.getByRole("list", { name: "Money to withdraw" });
    await expect(waiting.getByRole("listitem")).toHaveText(["0.099 ETH", "4.95 DUSD"]);
  });

  await test.step("Withdraw all: two transactions, one per token, and exactly the credits reach the wallet", async () => {
    const [ethBefore, dusdBefore] = [await tokenBalance(market, ETH, seller.address), await tokenBalance(market, dusd.address, seller.address)];
    await page.getByRole("button", { name: "Withdraw all (2 transactions)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "All 2 withdrawn to your wallet." })).toBeVisible();
    expect([await market.credit(seller.address), await market.credit(seller.address, dusd.address)]).toEqual([0n, 0n]);
    const [ethOut] = await withdrawals(market, seller.address);
    const [dusdOut] = await withdrawals(market, seller.address, dusd.address);
    expect(ethOut).toMatchObject({ amount: ethCredit, to: seller.address });
    expect(dusdOut).toMatchObject({ amount: dusdCredit, to: seller.address });
    expect(await escrowFunctionOf(market, ethOut!.hash)).toBe("withdraw");
    expect((await tokenBalance(market, ETH, seller.address)) - ethBefore).toBe(ethCredit - (await gasPaid(market, ethOut!.hash)) - (await gasPaid(market, dusdOut!.hash)));
    expect((await tokenBalance(market, dusd.address, seller.address)) - dusdBefore).toBe(dusdCredit);
  });

  await test.step("with nothing left, closing the panel takes the header's reminder away", async () => {
    await page.getByLabel(/^Nothing left to withdraw/).click();
    await expect(page.getByLabel(/^(To withdraw|Nothing left to withdraw)/)).toHaveCount(0);
  });
});
