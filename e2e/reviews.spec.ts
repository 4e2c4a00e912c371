/**
 * Reputation in the browser: after real, completed trades the buyer and the seller rate each other with a written
 * review, the seller answers the buyer's review from their own profile, and both profiles show the right averages,
 * counts, completed orders, review texts and the reply, for the owner and for a visitor. The chain (Reputation's
 * stats, Rated / Replied events and the documents behind their digests) is checked after every step.
 */
import type { Locator } from "@playwright/test";
import { orderLabel } from "@souk/sdk/contracts";
import { replySchema, reviewSchema } from "@souk/sdk/schemas";

import {
  buy,
  confirm,
  createListing,
  expect,
  fulfill,
  openConnected,
  rate,
  ratingStatus,
  ratingsOf,
  readDocument,
  repliesOf,
  STATE_LINE,
  test,
} from "./support/disputes-reviews.ts";

/** How the dApp shortens an address (checksummed): 0x1234…abcd. */
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Clicks a star of the 1-5 rating input (the visible glyph, whose label holds the radio) and checks it took. */
async function clickStar(scope: Locator, name: string): Promise<void> {
  const radio = scope.getByRole("radio", { name });
  await scope.locator("label", { has: scope.page().getByRole("radio", { name }) }).click();
  await expect(radio).toBeChecked();
}

const SELLER_ROLE = 0;
const BUYER_ROLE = 1;

test("after two completed orders buyer and seller rate each other, the seller replies from their profile, and both profiles add up", async ({
  market,
  stack,
  person,
}) => {
  const seller = await market.freshAccount();
  const buyer = await market.freshAccount();
  const arbiter = await market.freshAccount();
  const TITLE = "Linen tea towels, set of two";
  // The earlier order, rated straight on chain: 4 stars for the seller, 3 for the buyer.
  const EARLIER_FOR_SELLER = "Lovely towels, but they took nine days to arrive.";
  const EARLIER_FOR_BUYER = "Paid at once, but asked to change the address after I had shipped.";
  // The order the test is about, rated through the dApp: 5 stars for the seller, 4 for the buyer.
  const REVIEW_OF_SELLER = "Exactly as described, beautifully packed, and a handwritten thank-you card. Would buy again.";
  const REVIEW_OF_BUYER = "Quick to pay and confirmed receipt the day the parcel arrived. A pleasure.";
  const REPLY = "Thank you! The card is part of every parcel: enjoy the towels.";

  let earlier = 0n;
  let orderId = 0n;
  await test.step("set-up: two orders of the same listing; the earlier one completed and rated both ways on chain", async () => {
    const listingId = await createListing(market, seller, { title: TITLE, token: "ETH", price: 50_000_000_000_000_000n, arbiter: arbiter.address, arbiterFeeBps: 100n });
    earlier = await buy(market, buyer, listingId, 1n);
    await fulfill(market, seller, earlier, "Sent by parcel post.");
    await confirm(market, buyer, earlier);
    await rate(market, buyer, earlier, 4n, EARLIER_FOR_SELLER);
    await rate(market, seller, earlier, 3n, EARLIER_FOR_BUYER);
    orderId = await buy(market, buyer, listingId, 1n);
    await fulfill(market, seller, orderId, "Sent by parcel post, tracked.");
    expect((await market.order(earlier)).stateName).toBe("Completed");
    expect((await market.order(orderId)).stateName).toBe("Fulfilled");
  });

  const buyerSide = await person(buyer, "buyer");
  await test.step("the buyer confirms receipt, which completes the order", async () => {
    const { page } = buyerSide;
    await openConnected(buyerSide, `/orders/${orderId}`);
    await page.getByRole("button", { name: "Confirm receipt (release payment)" }).click();
    await page.getByRole("dialog", { name: "Release the payment?" }).getByRole("button", { name: "Release payment" }).click();
    await expect(page.getByText(STATE_LINE.Completed, { exact: true })).toBeVisible();
    expect((await market.order(orderId)).stateName).toBe("Completed");
    const stats = await market.stats(seller.address);
    expect(stats.completedAsSeller).toBe(2n);
  });

  await test.step("the buyer gives the seller 5 stars with a review", async () => {
    const { page } = buyerSide;
    const panel = page.getByRole("region", { name: "Rate the seller" });
    await expect(panel.getByRole("group", { name: "How was the seller?" })).toBeVisible();
    await clickStar(panel, "5 stars, Excellent");
    await expect(panel.getByText("Excellent", { exact: true })).toBeVisible();
    await panel.getByLabel("Review (optional)").fill(REVIEW_OF_SELLER);
    await panel.getByRole("button", { name: "Rate the seller" }).click();

    await expect(page.getByRole("heading", { name: /You rated the seller\s*5 out of 5\s*Excellent/ })).toBeVisible();
    await expect(page.getByText(REVIEW_OF_SELLER)).toBeVisible();
    await expect(page.getByRole("button", { name: "Rate the seller" })).toHaveCount(0);

    const [given] = (await ratingsOf(market, orderId)).filter((r) => r.rater === buyer.address);
    expect(given).toMatchObject({ ratee: seller.address, rateeRole: SELLER_ROLE, score: 5n });
    expect((await readDocument(stack, reviewSchema, given!.reviewDigest)).text).toBe(REVIEW_OF_SELLER);
    expect((await ratingStatus(market, orderId)).slice(0, 2)).toEqual([true, false]);
  });

  const sellerSide = await person(seller, "seller");
  await test.step("the seller gives the buyer 4 stars with a review", async () => {
    const { page } = sellerSide;
    await openConnected(sellerSide, `/orders/${orderId}`);
    const panel = page.getByRole("region", { name: "Rate the buyer" });
    await clickStar(panel, "4 stars, Very good");
    await expect(panel.getByText("Very good", { exact: true })).toBeVisible();
    await panel.getByLabel("Review (optional)").fill(REVIEW_OF_BUYER);
    await panel.getByRole("button", { name: "Rate the buyer" }).click();

    await expect(page.getByRole("heading", { name: /You rated the buyer\s*4 out of 5\s*Very good/ })).toBeVisible();
    await expect(page.getByText(REVIEW_OF_BUYER)).toBeVisible();

    const [given] = (await ratingsOf(market, orderId)).filter((r) => r.rater === seller.address);
    expect(given).toMatchObject({ ratee: buyer.address, rateeRole: BUYER_ROLE, score: 4n });
    expect((await readDocument(stack, reviewSchema, given!.reviewDigest)).text).toBe(REVIEW_OF_BUYER);
    expect((await ratingStatus(market, orderId)).slice(0, 2)).toEqual([true, true]);
  });

  await test.step("on chain: the seller has 2 ratings summing to 9 and 2 completed sales; the buyer 2 summing to 7 and 2 completed purchases", async () => {
    expect(await market.stats(seller.address)).toEqual({
      ratingsAsSeller: 2n,
      scoreSumAsSeller: 9n,
      completedAsSeller: 2n,
      ratingsAsBuyer: 0n,
      scoreSumAsBuyer: 0n,
      completedAsBuyer: 0n,
    });
    expect(await market.stats(buyer.address)).toEqual({
      ratingsAsSeller: 0n,
      scoreSumAsSeller: 0n,
      completedAsSeller: 0n,
      ratingsAsBuyer: 2n,
      scoreSumAsBuyer: 7n,
      completedAsBuyer: 2n,
    });
  });

  await test.step("the seller opens their profile: 4.5 from 2 ratings, 2 completed sales, both reviews newest first", async () => {
    const { page } = sellerSide;
    await page.getByLabel(`Account ${seller.address}`).click();
    await page.getByRole("link", { name: "My profile" }).click();
    await expect(page).toHaveURL(new RegExp(`/profile/${seller.address}$`));
    await expect(page.getByRole("heading", { level: 1, name: short(seller.address) })).toBeVisible();
    await expect(page.getByText("This is you", { exact: true })).toBeVisible();

    const glance = page.getByRole("list", { name: "At a glance" });
    await expect(glance.getByText("Rated 4.5 out of 5 as a seller, 2 ratings")).toBeAttached();
    await expect(glance.getByText("★ 4.5 as seller (2)")).toBeVisible();
    await expect(glance.getByText("2 completed trades", { exact: true })).toBeVisible();

    const asSeller = page.getByRole("region", { name: "As a seller" });
    await expect(asSeller.getByText("4.5 out of 5")).toBeVisible();
    await expect(asSeller.getByText("2 ratings · 2 completed sales")).toBeVisible();
    const bars = asSeller.getByRole("list", { name: "Scores received as a seller" });
    await expect(bars.getByText("5 stars: 1 rating (50%)")).toBeAttached();
    await expect(bars.getByText("4 stars: 1 rating (50%)")).toBeAttached();
    await expect(bars.getByText("3 stars: 0 ratings (0%)")).toBeAttached();
    const asBuyer = page.getByRole("region", { name: "As a buyer" });
    await expect(asBuyer.getByText("No ratings yet")).toBeVisible();
    await expect(asBuyer.getByText("0 completed purchases so far.")).toBeVisible();

    const reviews = page.getByRole("region", { name: "Reviews" });
    await expect(reviews.getByText("2 ratings from real trades, newest first.")).toBeVisible();
    const cards = reviews.getByRole("article");
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0)).toHaveAccessibleName(`5 out of 5 stars from the buyer, order ${orderLabel(orderId)}`);
    await expect(cards.nth(0).getByText(REVIEW_OF_SELLER)).toBeVisible();
    await expect(cards.nth(1)).toHaveAccessibleName(`4 out of 5 stars from the buyer, order ${orderLabel(earlier)}`);
    await expect(cards.nth(1).getByText(EARLIER_FOR_SELLER)).toBeVisible();
    await expect(reviews.getByText("Showing 2 of 2 reviews")).toBeVisible();
  });

  await test.step("the seller replies to the buyer's review from their profile", async () => {
    const { page } = sellerSide;
    const card = page.getByRole("article", { name: `5 out of 5 stars from the buyer, order ${orderLabel(orderId)}` });
    await card.getByRole("button", { name: "Reply", exact: true }).click();
    await card.getByLabel("Your public reply").fill(REPLY);
    await card.getByRole("button", { name: "Publish reply" }).click();
    await expect(card.getByTestId("reply")).toContainText(REPLY);
    await expect(card.getByTestId("reply")).toContainText(`Reply from ${short(seller.address)}`);
    await expect(card.getByRole("button", { name: "Reply", exact: true })).toHaveCount(0);
    // The other review can still be answered; it has no reply.
    const other = page.getByRole("article", { name: `4 out of 5 stars from the buyer, order ${orderLabel(earlier)}` });
    await expect(other.getByTestId("reply")).toHaveCount(0);
    await expect(other.getByRole("button", { name: "Reply", exact: true })).toBeVisible();

    const replies = await repliesOf(market, orderId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.author).toBe(seller.address);
    expect((await readDocument(stack, replySchema, replies[0]!.replyDigest)).text).toBe(REPLY);
    expect(await ratingStatus(market, orderId)).toEqual([true, true, false, true]);
    expect(await repliesOf(market, earlier)).toHaveLength(0);
  });

  await test.step("the buyer visits the seller's profile and reads the review with the seller's reply", async () => {
    const { page } = buyerSide;
    await page.getByRole("region", { name: "People" }).getByRole("link", { name: short(seller.address) }).click();
    await expect(page).toHaveURL(new RegExp(`/profile/${seller.address}$`));
    await expect(page.getByText("This is you", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "As a seller" }).getByText("2 ratings · 2 completed sales")).toBeVisible();
    const card = page.getByRole("article", { name: `5 out of 5 stars from the buyer, order ${orderLabel(orderId)}` });
    await expect(card.getByText(REVIEW_OF_SELLER)).toBeVisible();
    await expect(card.getByTestId("reply")).toContainText(REPLY);
    await expect(page.getByRole("region", { name: "Reviews" }).getByRole("button", { name: "Reply", exact: true })).toHaveCount(0);
  });

  await test.step("the buyer's own profile: 3.5 from 2 ratings, 2 completed purchases, both of the seller's reviews", async () => {
    const { page } = buyerSide;
    await page.goto(`/profile/${buyer.address}`);
    await expect(page.getByText("This is you", { exact: true })).toBeVisible();
    const glance = page.getByRole("list", { name: "At a glance" });
    await expect(glance.getByText("★ 3.5 as buyer (2)")).toBeVisible();
    await expect(glance.getByText("Rated 3.5 out of 5 as a buyer, 2 ratings")).toBeAttached();
    await expect(glance.getByText("2 completed trades", { exact: true })).toBeVisible();

    const asBuyer = page.getByRole("region", { name: "As a buyer" });
    await expect(asBuyer.getByText("3.5 out of 5")).toBeVisible();
    await expect(asBuyer.getByText("2 ratings · 2 completed purchases")).toBeVisible();
    const bars = asBuyer.getByRole("list", { name: "Scores received as a buyer" });
    await expect(bars.getByText("4 stars: 1 rating (50%)")).toBeAttached();
    await expect(bars.getByText("3 stars: 1 rating (50%)")).toBeAttached();
    const asSeller = page.getByRole("region", { name: "As a seller" });
    await expect(asSeller.getByText("No ratings yet")).toBeVisible();
    await expect(asSeller.getByText("0 completed sales so far.")).toBeVisible();

    const reviews = page.getByRole("region", { name: "Reviews" });
    await expect(reviews.getByText("2 ratings from real trades, newest first.")).toBeVisible();
    await expect(reviews.getByRole("button", { name: /As buyer\s*2/ })).toBeVisible();
    await expect(reviews.getByRole("button", { name: /As seller\s*0/ })).toBeVisible();
    const cards = reviews.getByRole("article");
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0)).toHaveAccessibleName(`4 out of 5 stars from the seller, order ${orderLabel(orderId)}`);
    await expect(cards.nth(0).getByText(REVIEW_OF_BUYER)).toBeVisible();
    await expect(cards.nth(0).getByText("As buyer", { exact: true })).toBeVisible();
    await expect(cards.nth(1)).toHaveAccessibleName(`3 out of 5 stars from the seller, order ${orderLabel(earlier)}`);
    await expect(cards.nth(1).getByText(EARLIER_FOR_BUYER)).toBeVisible();
  });
});
