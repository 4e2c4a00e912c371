/**
 * Disputes in the browser, each person in their own browser with their own wallet: the buyer opens a dispute with
 * evidence, the parties settle it between themselves, the arbiter rules on both sides' evidence, or nobody rules and
 * anyone splits 50/50 once the ruling window is over. Every amount is checked twice: as the person reads it in the
 * dApp (in the token's decimals) and on chain, to the wei (credits, protocol fee pool, withdrawals).
 *
 * Payouts follow docs/PROTOCOL.md: arbiter = amount × fee (only for a ruling); buyer = (amount − arbiter) × share;
 * protocol = 1% of what is left for the seller; seller = the rest. Shares round down.
 */
import { ETH, orderLabel } from "@souk/sdk/contracts";
import { evidenceSchema } from "@souk/sdk/schemas";

import {
  buy,
  createListing,
  endEvent,
  evidenceOf,
  EVIDENCE_PICTURE,
  expect,
  expectPayout,
  fulfill,
  gatewayHas,
  openConnected,
  openDispute,
  protocolFees,
  PROTOCOL_FEE_BPS,
  readDocument,
  RULING_WINDOW,
  STATE_LINE,
  test,
  tokenAddress,
  tokenBalance,
} from "./support/disputes-reviews.ts";

test("a buyer disputes a broken teapot, the seller offers 37.5 % back, the buyer accepts and both withdraw the exact amounts", async ({
  market,
  stack,
  person,
}) => {
  const seller = await market.freshAccount();
  const buyer = await market.freshAccount({ tokens: true });
  const arbiter = await market.freshAccount();
  const dusd = tokenAddress(stack, "DUSD");
  const TITLE = "Stoneware teapot, speckled glaze";
  const STATEMENT = "The teapot arrived with the spout broken off and a crack along the lid. Photo of the box as it came.";

  // 3 × 41.152263 DUSD = 123.456789 DUSD (6 decimals). A settlement pays no arbiter fee, whatever the listing says.
  const AMOUNT = 123_456_789n;
  // buyer    = floor(123,456,789 × 3,750 / 10,000)          = 46,296,295   (46.296295 DUSD)
  // protocol = floor((123,456,789 − 46,296,295) × 1%)       =    771,604   ( 0.771604 DUSD)
  // seller   = 77,160,494 − 771,604                         = 76,388,890   (76.38889 DUSD)
  const BUYER = 46_296_295n;
  const PROTOCOL = 771_604n;
  const SELLER = 76_388_890n;
  expect(BUYER + PROTOCOL + SELLER).toBe(AMOUNT);

  let orderId = 0n;
  await test.step("set-up: a DUSD listing with a 2.5 % arbiter fee; the buyer pays for 3 units, the seller ships", async () => {
    const listingId = await createListing(market, seller, { title: TITLE, token: "DUSD", price: 41_152_263n, arbiter: arbiter.address, arbiterFeeBps: 250n });
    orderId = await buy(market, buyer, listingId, 3n);
    await fulfill(market, seller, orderId, "Wrapped in two layers of paper, double box.");
    const order = await market.order(orderId);
    expect(order.stateName).toBe("Fulfilled");
    expect(order.amount).toBe(AMOUNT);
    expect(order.protocolFeeBps).toBe(PROTOCOL_FEE_BPS);
  });
  const feesBefore = await protocolFees(market, dusd);

  const buyerSide = await person(buyer, "buyer");
  await test.step("the buyer opens a dispute with a written statement and a photo", async () => {
    const { page } = buyerSide;
    await openConnected(buyerSide, `/orders/${orderId}`);
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByText(STATE_LINE.Fulfilled, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Confirm receipt or dispute" })).toBeVisible();

    await page.getByRole("button", { name: "Open a dispute" }).click();
    await page.getByLabel("What went wrong?").fill(STATEMENT);
    await page.getByLabel("Add pictures").setInputFiles(EVIDENCE_PICTURE);
    await expect(page.getByRole("img", { name: "stoneware-mug-2.webp" })).toBeVisible();
    await page.getByRole("button", { name: "Open the dispute" }).click();

    await expect(page.getByText(STATE_LINE.Disputed, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Waiting for the arbiter" })).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("heading", { name: "Dispute opened" })).toBeVisible();
    await expect(history.getByRole("heading", { name: "Evidence from the buyer" })).toBeVisible();
    await expect(history.getByText(STATEMENT)).toBeVisible();
    // The photo is shown only after its bytes were fetched back from IPFS and matched its CID.
    await expect(history.getByRole("img", { name: "Attachment 1 of 1" })).toBeVisible();
  });

  await test.step("on chain: the order is disputed and the opening evidence holds the text and the photo", async () => {
    expect((await market.order(orderId)).stateName).toBe("Disputed");
    const evidence = await evidenceOf(market, orderId);
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.author).toBe(buyer.address);
    const document = await readDocument(stack, evidenceSchema, evidence[0]!.digest);
    expect(document.text).toBe(STATEMENT);
    expect(document.attachments).toHaveLength(1);
    expect(document.attachments[0]!.type).toBe("image/webp");
    expect(await gatewayHas(stack, document.attachments[0]!.cid)).toBe(true);
  });

  const sellerSide = await person(seller, "seller");
  await test.step("the seller reads the evidence and proposes 37.5 % to the buyer, checking the amounts first", async () => {
    const { page } = sellerSide;
    await openConnected(sellerSide, `/orders/${orderId}`);
    await expect(page.getByText(STATE_LINE.Disputed, { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "History" }).getByText(STATEMENT)).toBeVisible();

    const fold = page.getByRole("button", { name: "Propose a split" });
    const form = page.locator(`[id="${await fold.getAttribute("aria-controls")}"]`);
    await fold.click();
    await form.getByLabel("Buyer's share in percent").fill("37.5");
    await expectPayout(form, { buyer: "46.296295 DUSD", seller: "76.38889 DUSD", protocol: "0.771604 DUSD", you: "Seller" });
    await form.getByRole("button", { name: "Propose 37.5% / 62.5%" }).click();

    await expect(page.getByRole("heading", { name: "Change your proposal" })).toBeVisible();
    await expect(page.getByText("You proposed buyer 37.5%, seller 62.5%.")).toBeVisible();
    await expect(page.getByRole("region", { name: "History" }).getByRole("heading", { name: "Split proposed: buyer 37.5%, seller 62.5%" })).toBeVisible();
    const order = await market.order(orderId);
    expect(order.proposer).toBe(seller.address);
    expect(order.proposedBuyerShareBps).toBe(3_750n);
    expect(order.stateName).toBe("Disputed");
  });

  await test.step("the buyer sees the offer with the exact amounts and accepts it", async () => {
    const { page } = buyerSide;
    const offer = page.getByRole("heading", { name: "The seller proposes: buyer 37.5%, seller 62.5%" });
    await expect(offer).toBeVisible();
    const panel = page.getByRole("region", { name: "Answer the split proposal" });
    await expectPayout(panel, { buyer: "46.296295 DUSD", seller: "76.38889 DUSD", protocol: "0.771604 DUSD", you: "Buyer" });

    await panel.getByRole("button", { name: "Accept 37.5% / 62.5%" }).click();
    const dialog = page.getByRole("dialog", { name: "Accept this split?" });
    await expectPayout(dialog, { buyer: "46.296295 DUSD", seller: "76.38889 DUSD", protocol: "0.771604 DUSD", you: "Buyer" });
    await dialog.getByRole("button", { name: "Accept 37.5% / 62.5%" }).click();

    await expect(page.getByText(STATE_LINE.Settled, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Rate the seller" })).toBeVisible();
    await expectPayout(page.getByRole("region", { name: "Rate the seller" }), { buyer: "46.296295 DUSD", seller: "76.38889 DUSD", protocol: "0.771604 DUSD" });
    await expect(page.getByText("Your part was credited to your balance in the escrow.")).toBeVisible();
    await expect(page.getByRole("region", { name: "History" }).getByRole("heading", { name: "Settled by agreement: buyer 37.5%, seller 62.5%" })).toBeVisible();
  });

  await test.step("on chain: settled at 3,750 bps, credits exact to the unit, no arbiter fee, 1% of the seller's share to the protocol", async () => {
    expect((await market.order(orderId)).stateName).toBe("Settled");
    const settled = await endEvent(market, orderId, "OrderSettled");
    expect(settled.buyerShareBps).toBe(3_750n);
    expect(settled.byTimeout).toBe(false);
    expect(settled.payout).toEqual({ buyer: BUYER, seller: SELLER, arbiter: 0n, protocol: PROTOCOL });
    expect(await market.credit(buyer.address, dusd)).toBe(BUYER);
    expect(await market.credit(seller.address, dusd)).toBe(SELLER);
    expect(await market.credit(arbiter.address, dusd)).toBe(0n);
    expect((await protocolFees(market, dusd)) - feesBefore).toBe(PROTOCOL);
  });

  for (const [side, account, amount, shown] of [
    ["buyer", buyer, BUYER, "46.296295 DUSD"],
    ["seller", seller, SELLER, "76.38889 DUSD"],
  ] as const) {
    await test.step(`the ${side} withdraws ${shown} from the orders page and receives exactly that`, async () => {
      const { page } = side === "buyer" ? buyerSide : sellerSide;
      const before = await tokenBalance(market, dusd, account.address);
      await page.goto("/orders");
      const balances = page.getByRole("region", { name: "Ready to withdraw" });
      const row = balances.getByRole("listitem").filter({ hasText: "Demo Dollar" });
      await expect(row.getByText(shown, { exact: true })).toBeVisible();
      await row.getByRole("button", { name: "Withdraw", exact: true }).click();
      await expect(balances.getByText("Nothing to withdraw right now.")).toBeVisible();
      expect(await market.credit(account.address, dusd)).toBe(0n);
      expect((await tokenBalance(market, dusd, account.address)) - before).toBe(amount);
    });
  }
});

test("both sides add evidence, the arbiter reviews it and rules 70 % to the buyer: buyer, seller and arbiter fee exact", async ({
  market,
  stack,
  person,
}) => {
  const seller = await market.freshAccount();
  const buyer = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const TITLE = "Restored brass desk lamp";
  const BUYER_STATEMENT = "The lamp flickers and the switch is loose; the listing said fully rewired and tested.";
  const SELLER_STATEMENT = "It was tested for an hour before shipping. A loose switch points to rough handling in transit.";
  const NOTE = "Tested before packing, bulb included.";

  // 0.123456789012345678 ETH, arbiter fee 2.5 % (250 bps), ruling: 70 % to the buyer.
  const AMOUNT = 123_456_789_012_345_678n;
  // arbiter  = floor(AMOUNT × 250 / 10,000)                         =  3,086,419,725,308,641
  // buyer    = floor((AMOUNT − arbiter) × 7,000 / 10,000)           = 84,259,258,500,925,925
  // protocol = floor((AMOUNT − arbiter − buyer) × 100 / 10,000)     =    361,111,107,861,111
  // seller   = AMOUNT − arbiter − buyer − protocol                  = 35,749,999,678,250,001
  const ARBITER = 3_086_419_725_308_641n;
  const BUYER = 84_259_258_500_925_925n;
  const PROTOCOL = 361_111_107_861_111n;
  const SELLER = 35_749_999_678_250_001n;
  expect(ARBITER + BUYER + PROTOCOL + SELLER).toBe(AMOUNT);
  // What the dApp shows: at most 6 decimals, never rounded up.
  const SHOWN = { buyer: "0.084259 ETH", seller: "0.035749 ETH", arbiter: "0.003086 ETH", protocol: "0.000361 ETH" };

  let orderId = 0n;
  await test.step("set-up: an ETH listing with a 2.5 % arbiter fee, bought and shipped with a note", async () => {
    const listingId = await createListing(market, seller, { title: TITLE, token: "ETH", price: AMOUNT, arbiter: arbiter.address, arbiterFeeBps: 250n });
    orderId = await buy(market, buyer, listingId, 1n);
    await fulfill(market, seller, orderId, NOTE, "SK987654321NL");
    expect((await market.order(orderId)).arbiterFeeBps).toBe(250n);
  });
  const feesBefore = await protocolFees(market, ETH);

  const buyerSide = await person(buyer, "buyer");
  await test.step("the buyer opens a dispute with a statement", async () => {
    const { page } = buyerSide;
    await openConnected(buyerSide, `/orders/${orderId}`);
    await page.getByRole("button", { name: "Open a dispute" }).click();
    await expect(page.getByText("earns a 2.5% fee if they rule")).toBeVisible();
    await page.getByLabel("What went wrong?").fill(BUYER_STATEMENT);
    await page.getByRole("button", { name: "Open the dispute" }).click();
    await expect(page.getByText(STATE_LINE.Disputed, { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "History" }).getByText(BUYER_STATEMENT)).toBeVisible();
  });

  const sellerSide = await person(seller, "seller");
  await test.step("the seller answers with evidence of their own", async () => {
    const { page } = sellerSide;
    await openConnected(sellerSide, `/orders/${orderId}`);
    await expect(page.getByText(STATE_LINE.Disputed, { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.getByLabel("Your evidence").fill(SELLER_STATEMENT);
    await page.getByRole("button", { name: "Add this evidence" }).click();
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("heading", { name: "Evidence from the seller" })).toBeVisible();
    await expect(history.getByText(SELLER_STATEMENT)).toBeVisible();

    const evidence = await evidenceOf(market, orderId);
    expect(evidence.map((e) => e.author)).toEqual([buyer.address, seller.address]);
    expect((await readDocument(stack, evidenceSchema, evidence[0]!.digest)).text).toBe(BUYER_STATEMENT);
    expect((await readDocument(stack, evidenceSchema, evidence[1]!.digest)).text).toBe(SELLER_STATEMENT);
  });

  const arbiterSide = await person(arbiter, "arbiter");
  await test.step("the arbiter finds the dispute in their queue and reads both sides next to each other", async () => {
    const { page } = arbiterSide;
    await openConnected(arbiterSide, "/arbiter");
    await expect(page.getByRole("heading", { level: 1, name: "Disputes to rule" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Waiting for your ruling\s*1/ })).toBeVisible();
    await page.getByRole("link", { name: TITLE }).click();

    await expect(page.getByText(`Dispute on order ${orderLabel(orderId)}`)).toBeVisible();
    await expect(page.getByText("2.5% · 0.003086 ETH")).toBeVisible();
    const buyerColumn = page.getByRole("region", { name: "The buyer's side" });
    const sellerColumn = page.getByRole("region", { name: "The seller's side" });
    await expect(buyerColumn.getByText("Opening statement")).toBeVisible();
    await expect(buyerColumn.getByText(BUYER_STATEMENT)).toBeVisible();
    await expect(sellerColumn.getByText("Note when marking as shipped")).toBeVisible();
    await expect(sellerColumn.getByText(NOTE)).toBeVisible();
    await expect(sellerColumn.getByText("SK987654321NL")).toBeVisible();
    await expect(sellerColumn.getByText("Further evidence")).toBeVisible();
    await expect(sellerColumn.getByText(SELLER_STATEMENT)).toBeVisible();
  });

  await test.step("the arbiter sets 70 % with the slider, checks the amounts the form shows, and rules", async () => {
    const { page } = arbiterSide;
    const ruling = page.getByRole("region", { name: "Your ruling" });
    await expect(ruling.getByText("Your fee of 2.5% (0.003086 ETH) comes off the top")).toBeVisible();
    await ruling.getByRole("slider", { name: "Buyer's share (slider, 1 % steps)" }).fill("70");
    await expect(ruling.getByLabel("Buyer's share in percent")).toHaveValue("70");
    await expectPayout(ruling, { ...SHOWN, you: "Arbiter fee" });

    await ruling.getByRole("button", { name: "Review the ruling: buyer 70%, seller 30%" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm your ruling" });
    await expect(dialog.getByText("of 0.123456 ETH")).toBeVisible();
    await expectPayout(dialog, { ...SHOWN, you: "Arbiter fee" });
    await dialog.getByRole("button", { name: "Rule 70% / 30%" }).click();

    await expect(page.getByRole("heading", { name: "You ruled on this dispute" })).toBeVisible();
    await expect(page.getByText("Buyer 70%, seller 30%", { exact: true })).toBeVisible();
    await expectPayout(page.getByRole("region", { name: "Payout" }), SHOWN);
    await expect(page.getByRole("region", { name: "Your ruling" })).toHaveCount(0);
  });

  await test.step("on chain: ruled at 7,000 bps; arbiter fee on the whole amount, then the split, then 1% of the seller's share", async () => {
    expect((await market.order(orderId)).stateName).toBe("Ruled");
    const ruled = await endEvent(market, orderId, "OrderRuled");
    expect(ruled.buyerShareBps).toBe(7_000n);
    expect(ruled.payout).toEqual({ buyer: BUYER, seller: SELLER, arbiter: ARBITER, protocol: PROTOCOL });
    expect(await market.credit(buyer.address)).toBe(BUYER);
    expect(await market.credit(seller.address)).toBe(SELLER);
    expect(await market.credit(arbiter.address)).toBe(ARBITER);
    expect((await protocolFees(market, ETH)) - feesBefore).toBe(PROTOCOL);
  });

  await test.step("the seller's order page shows the ruling and what each side got", async () => {
    const { page } = sellerSide;
    await expect(page.getByText(STATE_LINE.Ruled, { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "History" }).getByRole("heading", { name: "Ruled: buyer 70%, seller 30%" })).toBeVisible();
    await expectPayout(page.getByRole("region", { name: "Rate the buyer" }), SHOWN);
  });

  await test.step("the arbiter's fee waits on their orders page", async () => {
    const { page } = arbiterSide;
    await page.goto("/orders");
    await expect(page.getByRole("region", { name: "Ready to withdraw" }).getByText(SHOWN.arbiter, { exact: true })).toBeVisible();
  });
});

test("the arbiter never rules: after the 30-day ruling window anyone splits 50/50 from the order page, without an arbiter fee", async ({
  market,
  stack,
  person,
}) => {
  const seller = await market.freshAccount();
  const buyer = await market.freshAccount({ tokens: true });
  const arbiter = await market.freshAccount();
  const passerBy = await market.freshAccount();
  const dgld = tokenAddress(stack, "DGLD");
  const TITLE = "Hand-bound field notebook, set of three";

  // 3 × 7.777777777777777777 DGLD = 23.333333333333333331 DGLD (18 decimals); listing's arbiter fee 5 %, not due.
  const AMOUNT = 23_333_333_333_333_333_331n;
  // buyer    = floor(AMOUNT × 5,000 / 10,000)            = 11,666,666,666,666,666,665
  // protocol = floor((AMOUNT − buyer) × 100 / 10,000)    =    116,666,666,666,666,666
  // seller   = AMOUNT − buyer − protocol                 = 11,550,000,000,000,000,000
  const BUYER = 11_666_666_666_666_666_665n;
  const PROTOCOL = 116_666_666_666_666_666n;
  const SELLER = 11_550_000_000_000_000_000n;
  expect(BUYER + PROTOCOL + SELLER).toBe(AMOUNT);
  const SHOWN = { buyer: "11.666666 DGLD", seller: "11.55 DGLD", protocol: "0.116666 DGLD" };

  let orderId = 0n;
  await test.step("set-up: a DGLD listing with a 5 % arbiter fee; 3 units bought, shipped and disputed", async () => {
    const listingId = await createListing(market, seller, {
      title: TITLE,
      token: "DGLD",
      price: 7_777_777_777_777_777_777n,
      arbiter: arbiter.address,
      arbiterFeeBps: 500n,
    });
    orderId = await buy(market, buyer, listingId, 3n);
    await fulfill(market, seller, orderId, "Sent by letter post.");
    await openDispute(market, buyer, orderId, "Only two notebooks were in the envelope.");
    const order = await market.order(orderId);
    expect(order.stateName).toBe("Disputed");
    expect(order.amount).toBe(AMOUNT);
  });
  const feesBefore = await protocolFees(market, dgld);

  const outsider = await person(passerBy, "outsider");
  const arbiterSide = await person(arbiter, "arbiter");
  await test.step("while the ruling window is open, someone else only sees the dispute waiting for the arbiter", async () => {
    const { page } = outsider;
    await openConnected(outsider, `/orders/${orderId}`);
    await expect(page.getByText(STATE_LINE.Disputed, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Waiting for the arbiter" })).toBeVisible();
    await expect(page.getByText(/Arbiter rules by: (30 days|29 days 23 hours) left/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Split 50/50" })).toHaveCount(0);
  });

  await test.step("one hour before the deadline nothing changes: the arbiter could still rule, nobody can split", async () => {
    await market.increaseTime(RULING_WINDOW - 3_600);
    await expect(outsider.page.getByText(/Arbiter rules by: (\d+ minutes( \d+ seconds)?|1 hour) left/)).toBeVisible();
    await expect(outsider.page.getByRole("button", { name: "Split 50/50" })).toHaveCount(0);

    await openConnected(arbiterSide, `/arbiter?order=${orderId}`);
    await expect(arbiterSide.page.getByRole("region", { name: "Your ruling" })).toBeVisible();
  });

  await test.step("once the 30 days are over, the arbiter can no longer rule and is sent to the order page", async () => {
    await market.increaseTime(3_601);
    const { page } = arbiterSide;
    await expect(page.getByRole("heading", { name: "The ruling deadline has passed" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Your ruling" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Go to the order to split it 50/50" })).toBeVisible();
  });

  await test.step("someone who is neither buyer, seller nor arbiter splits it 50/50 after checking the amounts", async () => {
    const { page } = outsider;
    const panel = page.getByRole("region", { name: "Split 50/50" });
    await expect(panel.getByRole("heading", { name: "Split 50/50 (the arbiter did not rule)" })).toBeVisible();
    await expect(panel.getByText(/Arbiter rules by: passed/)).toBeVisible();
    await expectPayout(panel, SHOWN);
    await panel.getByRole("button", { name: "Split 50/50" }).click();

    await expect(page.getByText(STATE_LINE.Settled, { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Settled" })).toBeVisible();
    await expectPayout(page.getByRole("region", { name: "Settled" }), SHOWN);
    await expect(page.getByRole("region", { name: "History" }).getByRole("heading", { name: "Split 50/50 after the ruling deadline" })).toBeVisible();
  });

  await test.step("on chain: settled by timeout at 5,000 bps, sent by the outsider; no arbiter fee; 1% of the seller's share to the protocol", async () => {
    expect((await market.order(orderId)).stateName).toBe("Settled");
    const settled = await endEvent(market, orderId, "OrderSettled");
    expect(settled.buyerShareBps).toBe(5_000n);
    expect(settled.byTimeout).toBe(true);
    expect(settled.payout).toEqual({ buyer: BUYER, seller: SELLER, arbiter: 0n, protocol: PROTOCOL });
    expect(settled.sender.toLowerCase()).toBe(passerBy.address.toLowerCase());
    expect(await market.credit(buyer.address, dgld)).toBe(BUYER);
    expect(await market.credit(seller.address, dgld)).toBe(SELLER);
    expect(await market.credit(arbiter.address, dgld)).toBe(0n);
    expect(await market.credit(passerBy.address, dgld)).toBe(0n);
    expect((await protocolFees(market, dgld)) - feesBefore).toBe(PROTOCOL);
  });
});
