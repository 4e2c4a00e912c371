/**
 * The core journey with ETH, in two browsers: a seller lists an item with a photo on the Sell page, a buyer finds it
 * with the browse page's search and buys it, the seller marks it as shipped with a note from "My sales", the buyer
 * confirms receipt and rates the seller 5 stars with a review, and the seller's profile shows the rating and the
 * review. Screenshots of the main pages (desktop 1280 px and phone 375 px, light and dark) are saved on the way to
 * e2e/artifacts/screenshots/.
 */
import path from "node:path";

import { ETH, listingRegistryAbi, orderLabel, reputationAbi } from "@souk/sdk/contracts";
import { digestToCid } from "@souk/sdk/cid";
import { shortAddress } from "@souk/sdk/format";
import { parseEther, sha256, type Hex } from "viem";

import { connect, expect, test } from "./support/fixtures.ts";
import {
  closePeople,
  DAY,
  gasPaid,
  openPerson,
  orderEvents,
  PROTOCOL_FEE_BPS,
  protocolFees,
  saveMobileScreenshots,
  saveThemedScreenshots,
  sellerShareOfCompleted,
  showEveryCard,
  tokenBalance,
  uniqueWord,
} from "./support/core-journey-payments.ts";

const PHOTO = path.resolve(import.meta.dirname, "..", "scripts", "seed", "images", "film-camera.webp");

test.afterEach(async ({}, testInfo) => closePeople(testInfo));

/** A document from the stack's gateway, checked against the digest recorded on chain, parsed as JSON. */
async function documentOnIpfs(gatewayUrl: string, digest: Hex): Promise<Record<string, unknown>> {
  const response = await fetch(`${gatewayUrl}/ipfs/${digestToCid(digest)}?format=raw`);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(sha256(bytes), "the gateway's bytes match the digest on chain").toBe(digest);
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

test("a seller lists an item with a photo, a buyer finds it by search and buys it with ETH, the seller ships it with a note, the buyer confirms and rates the seller 5 stars", async ({
  page,
  browser,
  stack,
  market,
  makeWallet,
}) => {
  const word = uniqueWord();
  const title = `Rangefinder film camera ${word}`;
  const description = `A 1970s rangefinder in working order, with a fresh light seal. Search word: ${word}.`;
  const photoAlt = `The ${word} camera seen from the front`;
  const note = `Posted today, well padded. Tracking below (${word}).`;
  const review = `Exactly as described and shipped fast. Thank you! (${word})`;
  const price = parseEther("0.25");
  const payout = sellerShareOfCompleted(price);

  const seller = await market.freshAccount();
  const buyer = await market.freshAccount();
  const arbiter = await market.freshAccount();
  await makeWallet([seller]);
  const buyerSide = await openPerson(browser, stack, "buyer", [buyer]);
  const shopper = buyerSide.page;

  let listingId = 0n;
  let orderId = 0n;

  await test.step("the seller writes the listing on the Sell page, adds a photo and publishes it", async () => {
    await page.goto("/sell");
    await expect(page.getByRole("heading", { level: 1, name: "Sell something" })).toBeVisible();
    await connect(page);

    await page.getByLabel("choose files").setInputFiles(PHOTO);
    await expect(page.getByText("Cover", { exact: true })).toBeVisible();
    await page.getByLabel("Describe picture 1").fill(photoAlt);
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Description", { exact: true }).fill(description);
    await page.getByLabel("Category").selectOption("Electronics");
    await page.getByLabel("Condition").selectOption({ label: "Good" });
    await expect(page.getByRole("radio", { name: /^ETH/ })).toBeChecked();
    await page.getByLabel("Price per unit").fill("0.25");
    await page.getByLabel("Quantity in stock").fill("2");
    await page.getByLabel("Arbiter", { exact: true }).fill(arbiter.address);
    // What the seller is told before publishing: the payout per unit after the 1% protocol fee, and the terms.
    await expect(page.getByText("You receive 0.2475 ETH per unit when an order completes (Souk's protocol fee is 1%).")).toBeVisible();
    const summary = page.getByRole("complementary", { name: "Preview and publish" });
    await expect(summary).toContainText("Quantity2");
    await expect(summary).toContainText("Time to ship3 days");
    await expect(summary).toContainText("Time to check7 days");
    await expect(summary).toContainText("Arbiter fee1%");
    await saveThemedScreenshots(page, "sell");

    await page.getByRole("button", { name: "Publish listing" }).click();
    await expect(page.getByRole("heading", { name: "Your listing is live" })).toBeVisible();

    const created = await market.client.getContractEvents({
      address: stack.registry,
      abi: listingRegistryAbi,
      eventName: "ListingCreated",
      args: { seller: seller.address },
      fromBlock: 0n,
    });
    expect(created).toHaveLength(1);
    listingId = created[0]!.args.listingId!;
    await expect(page.getByText(`“${title}” is in the catalogue as listing #${listingId}.`)).toBeVisible();

    const listing = await market.listing(listingId);
    expect(listing).toMatchObject({
      seller: seller.address,
      token: ETH,
      price,
      stock: 2n,
      version: 1n,
      orderCount: 0n,
      closed: false,
      arbiter: arbiter.address,
      arbiterFeeBps: 100n,
      fulfillmentWindow: 3n * DAY,
      confirmationWindow: 7n * DAY,
    });
    // The description and the photo are on IPFS under the digest the registry recorded.
    const metadata = await documentOnIpfs(stack.gatewayUrl, created[0]!.args.metadataDigest!);
    expect(metadata).toMatchObject({ schema: "souk.listing/1", title, description, category: "Electronics", condition: "good" });
    const images = metadata.images as Array<{ cid: string; type: string; alt: string }>;
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ type: "image/webp", alt: photoAlt });
    const photo = await fetch(`${stack.gatewayUrl}/ipfs/${images[0]!.cid}?format=raw`);
    expect(photo.status).toBe(200);
    expect(digestToCid(sha256(new Uint8Array(await photo.arrayBuffer())))).toBe(images[0]!.cid);
  });

  await test.step("a buyer in another browser finds the listing with the browse page's search", async () => {
    await shopper.goto("/");
    await expect(shopper.getByRole("heading", { level: 1, name: "Find something good" })).toBeVisible();
    await expect(shopper.locator('main a[href^="/listing/"]').first()).toBeVisible();
    await showEveryCard(shopper);
    await saveThemedScreenshots(shopper, "browse");
    await saveMobileScreenshots(shopper, "browse");

    await shopper.getByRole("searchbox", { name: "Search listings" }).fill(word);
    await expect(shopper.getByRole("heading", { level: 2, name: `1 listing for “${word}”` })).toBeVisible();
    const card = shopper.getByRole("article").filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText("0.25 ETH");
    await expect(card).toContainText("Only 2 left");
    await expect(card.getByRole("img", { name: photoAlt })).toBeVisible();
    await card.getByRole("link", { name: title }).click();

    await expect(shopper).toHaveURL(new RegExp(`/listing/${listingId}$`));
    await expect(shopper.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(shopper.getByText(description)).toBeVisible();
    await expect(shopper.getByRole("img", { name: photoAlt })).toBeVisible();
  });

  await test.step("the buyer connects and pays 0.25 ETH into escrow", async () => {
    const panel = shopper.getByRole("region", { name: "Buy this" });
    await expect(panel).toContainText("0.25 ETH");
    await expect(panel).toContainText("per unit · only 2 left");
    await connect(shopper);
    await expect(panel.getByRole("button", { name: "Pay 0.25 ETH" })).toBeEnabled();
    await saveThemedScreenshots(shopper, "listing");
    await saveMobileScreenshots(shopper, "listing");

    const balanceBefore = await tokenBalance(market, ETH, buyer.address);
    await panel.getByRole("button", { name: "Pay 0.25 ETH" }).click();
    await expect(panel.getByRole("heading", { name: "Order placed" })).toBeVisible();

    orderId = await market.lastOrderOf(buyer.address);
    expect(orderId >> 32n).toBe(listingId);
    await expect(panel).toContainText(`You paid 0.25 ETH for 1 unit (order ${orderLabel(orderId)}). The escrow holds it; the seller has 3 days to send it.`);

    const order = await market.order(orderId);
    expect(order).toMatchObject({
      stateName: "Funded",
      listingId,
      buyer: buyer.address,
      seller: seller.address,
      token: ETH,
      amount: price,
      quantity: 1n,
      protocolFeeBps: PROTOCOL_FEE_BPS,
      arbiter: arbiter.address,
      arbiterFeeBps: 100n,
    });
    expect((await market.listing(listingId)).stock).toBe(1n);
    // The buyer paid exactly the price, plus the gas of the purchase.
    const [placed] = await orderEvents(market, "OrderPlaced", orderId);
    const gas = await gasPaid(market, placed!.transactionHash);
    expect(balanceBefore - (await tokenBalance(market, ETH, buyer.address))).toBe(price + gas);
  });

  await test.step("the seller opens the sale from “My sales” and marks it as shipped with a note", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();
    await page.getByRole("tab", { name: /My sales/ }).click();
    await expect(page.getByRole("tab", { name: /My sales/ })).toHaveAttribute("aria-selected", "true");
    const sale = page.getByRole("tabpanel").getByRole("listitem").filter({ hasText: `Order ${orderLabel(orderId)}` });
    await expect(sale).toContainText("Needs your action: Ship or decline");
    await expect(sale).toContainText("0.25 ETH · 1 unit");
    await expect(sale).toContainText("Paid");
    await saveThemedScreenshots(page, "orders");

    await sale.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    await expect(page.getByRole("heading", { level: 2, name: "Ship or decline" })).toBeVisible();
    await page.getByLabel("Note to the buyer (optional)").fill(note);
    await page.getByLabel("Carrier (optional)").fill("Royal Mail");
    await page.getByLabel("Tracking number (optional)").fill("RM123456789GB");
    await page.getByRole("button", { name: "Mark as shipped/delivered" }).click();

    await expect(page.getByRole("heading", { level: 2, name: "Waiting for the buyer" })).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Marked as shipped or delivered");
    await expect(history).toContainText(note);
    await expect(history).toContainText("RM123456789GB");
    await saveThemedScreenshots(page, "order");

    expect((await market.order(orderId)).stateName).toBe("Fulfilled");
    const [fulfilled] = await orderEvents(market, "OrderFulfilled", orderId);
    const stored = await documentOnIpfs(stack.gatewayUrl, (fulfilled!.args as { noteDigest: Hex }).noteDigest);
    expect(stored).toEqual({ schema: "souk.note/1", text: note, carrier: "Royal Mail", tracking: "RM123456789GB" });
  });

  await test.step("the buyer reads the note and confirms receipt, releasing 0.2475 ETH to the seller", async () => {
    const feesBefore = await protocolFees(market);
    await shopper.getByRole("link", { name: "View your order" }).click();
    await expect(shopper.getByRole("heading", { level: 2, name: "Confirm receipt or dispute" })).toBeVisible();
    await expect(shopper.getByRole("region", { name: "History" })).toContainText(note);

    await shopper.getByRole("button", { name: "Confirm receipt (release payment)" }).click();
    const dialog = shopper.getByRole("dialog", { name: "Release the payment?" });
    await expect(dialog).toContainText("The seller gets 0.2475 ETH (the 0.25 ETH you paid, minus the 1% protocol fee of 0.0025 ETH).");
    await dialog.getByRole("button", { name: "Release payment" }).click();

    await expect(shopper.getByRole("heading", { level: 2, name: "Rate the seller" })).toBeVisible();
    const outcome = shopper.getByRole("region", { name: "Rate the seller" });
    await expect(outcome).toContainText("Seller0.2475 ETH");
    await expect(outcome).toContainText("Protocol fee0.0025 ETH");

    expect((await market.order(orderId)).stateName).toBe("Completed");
    expect(payout.seller).toBe(parseEther("0.2475"));
    expect(await market.credit(seller.address)).toBe(payout.seller);
    expect((await protocolFees(market)) - feesBefore).toBe(payout.protocol);
  });

  await test.step("the buyer rates the seller 5 stars with a review", async () => {
    await shopper.locator("label").filter({ has: shopper.getByRole("radio", { name: "5 stars, Excellent" }) }).click();
    await expect(shopper.getByRole("radio", { name: "5 stars, Excellent" })).toBeChecked();
    await shopper.getByLabel("Review (optional)").fill(review);
    await shopper.getByRole("button", { name: "Rate the seller" }).click();

    const given = shopper.getByRole("heading", { name: /You rated the seller/ });
    await expect(given).toContainText("5 out of 5");
    await expect(given).toContainText("Excellent");
    await expect(shopper.getByText(review)).toBeVisible();

    const stats = await market.stats(seller.address);
    expect(stats).toMatchObject({ ratingsAsSeller: 1n, scoreSumAsSeller: 5n, completedAsSeller: 1n });
    const rated = await market.client.getContractEvents({
      address: stack.reputation,
      abi: reputationAbi,
      eventName: "Rated",
      args: { orderId },
      fromBlock: 0n,
    });
    expect(rated).toHaveLength(1);
    expect(rated[0]!.args).toMatchObject({ rater: buyer.address, ratee: seller.address, score: 5n });
    const stored = await documentOnIpfs(stack.gatewayUrl, rated[0]!.args.reviewDigest!);
    expect(stored).toEqual({ schema: "souk.review/1", text: review });
  });

  await test.step("the seller's profile shows the 5.0 average, the one rating and the review", async () => {
    await shopper.getByRole("region", { name: "People" }).getByRole("link", { name: shortAddress(seller.address) }).click();
    await expect(shopper).toHaveURL(new RegExp(`/profile/${seller.address}$`));
    const asSeller = shopper.getByTestId("reputation-seller");
    await expect(asSeller).toContainText("5.0 out of 5");
    await expect(asSeller).toContainText("1 rating · 1 completed sale");
    const card = shopper.getByTestId("review").filter({ hasText: review });
    await expect(card).toHaveCount(1);
    await expect(card.getByRole("img", { name: "5 out of 5 stars" })).toBeVisible();
    await expect(card).toContainText("As seller");
    await expect(card).toContainText(`Order ${orderLabel(orderId)}`);
    await saveThemedScreenshots(shopper, "profile");
  });

  await test.step("the seller sees the payout waiting in the escrow", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
    const balances = page.getByRole("region", { name: "Ready to withdraw" });
    await expect(balances).toContainText("0.2475 ETH");
    expect(await market.credit(seller.address)).toBe(payout.seller);
  });
});
