/**
 * The data-driven parts of the dApp, on the indexer of the local stack: /stats with its charts, their tables, dark
 * mode and a phone's width; the seller's dashboard analytics and sales CSV; a price suggestion on the sell form
 * (nothing under three sales); similar listings and more from the seller; the watchlist; a saved search raising a
 * notification in the bell when a new listing matches; a seller's listing announced on Nostr (NIP-99), and not
 * while the dashboard's switch is off. Expected figures come from the chain and from what each test set up, not from
 * the dApp's code.
 */
import { readFile } from "node:fs/promises";

import type { Page } from "@playwright/test";
import { ETH, escrowAbi, listingRegistryAbi } from "@souk/sdk/contracts";
import { CLASSIFIED_KIND } from "@souk/sdk/messaging";
import { formatAmount } from "@souk/sdk/format";
import type { Category } from "@souk/sdk/schemas";
import { getPublicKey, verifyEvent, type NostrEvent } from "nostr-tools/pure";
import { formatUnits, type LocalAccount } from "viem";

import { buyDirect, sellerShareOfCompleted, uniqueWord } from "./support/core-journey-payments.ts";
import { confirm, fulfill } from "./support/disputes-reviews.ts";
import { amount, listingDocument, listSomething, resultsGrid, shownIds } from "./support/discovery-and-faults.ts";
import { connect, expect, test, type Market } from "./support/fixtures.ts";
import { messagingKeyOf, relayRows, turnOnMessages } from "./support/messaging.ts";

/** Buys one unit of the listing, ships it and confirms it: a completed sale. Returns the order id. */
async function completedSale(market: Market, seller: LocalAccount, buyer: LocalAccount, listingId: bigint): Promise<bigint> {
  const orderId = await buyDirect(market, buyer, listingId);
  await fulfill(market, seller, orderId, "Posted today.");
  await confirm(market, buyer, orderId);
  return orderId;
}

/** Lists an ETH item from `seller` in `category`, with an arbiter nobody else uses. */
async function listEth(market: Market, seller: LocalAccount, title: string, price: string, category: Category = "Other", stock = 5n) {
  const arbiter = await market.freshAccount();
  return listSomething(market, seller, listingDocument({ title, category }), {
    token: ETH,
    price: amount(market.stack, "ETH", price),
    stock,
    arbiter: arbiter.address,
  });
}

/** Waits until the indexer has caught up with the chain's latest block (so that its answers include the set-up). */
async function indexerCaughtUp(market: Market): Promise<void> {
  const head = await market.client.getBlockNumber();
  await expect
    .poll(
      async () => {
        const answer = (await fetch(`${market.stack.indexerUrl}/health`).then((r) => r.json())) as { block?: number | null };
        return BigInt(answer.block ?? -1);
      },
      { timeout: 30_000, message: "the indexer reached the chain's head" },
    )
    .toBeGreaterThanOrEqual(head);
}

/** Reloads until `check` passes: the page asks the indexer once per visit (its answers are cached for a while). */
async function eventually(page: Page, check: () => Promise<void>, timeout = 45_000): Promise<void> {
  let first = true;
  await expect(async () => {
    if (!first) await page.reload();
    first = false;
    await check();
  }).toPass({ timeout, intervals: [1_000, 2_000, 3_000] });
}

test("/stats: the market's figures from the chain, charts with their numbers, dark mode at 375 px, no chart code on the browse page", async ({ page, market, stack }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });

  await test.step("the browse page loads no chart code", async () => {
    await page.goto("/");
    await expect(resultsGrid(page).getByRole("link").first()).toBeVisible({ timeout: 30_000 });
    expect(scripts.filter((s) => /uplot/i.test(s))).toEqual([]);
  });

  const placed = await market.client.getContractEvents({ address: stack.escrow, abi: escrowAbi, eventName: "OrderPlaced", fromBlock: 0n });
  await indexerCaughtUp(market);

  await test.step("the key figures match the chain's events", async () => {
    await page.getByRole("navigation", { name: "More" }).getByRole("link", { name: "Market statistics" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Market statistics" })).toBeVisible();
    const orders = page.getByLabel("Key figures").locator("div").filter({ hasText: /^Orders placed/ });
    await expect(orders.locator("dd").first()).toHaveText(placed.length.toLocaleString("en"));
  });

  await test.step("the volume chart is drawn with uPlot, loaded for this page, and its numbers are a table", async () => {
    const volume = page.getByRole("region", { name: "Volume" });
    await expect(volume.getByTestId("chart-canvas").first().locator("canvas")).toBeVisible();
    expect(scripts.some((s) => /uplot/i.test(s)), "uPlot's chunk came with the chart").toBe(true);
    const figure = volume.getByRole("figure").first();
    await figure.getByText("Show the numbers").click();
    const table = figure.getByRole("table");
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader").first()).toHaveText(/Week/);
    // Daily: 90 rows of days.
    await volume.getByText("Daily (90 days)").click();
    await expect(volume.getByRole("figure").first().getByRole("columnheader").first()).toHaveText(/Day/);
    await expect(volume.getByRole("figure").first().getByRole("table").getByRole("row")).toHaveCount(91);
  });

  await test.step("orders by outcome and the method of each figure are text", async () => {
    await expect(page.getByRole("list", { name: "Orders by outcome" }).getByRole("listitem")).toHaveCount(10);
    await expect(page.getByRole("region", { name: "How each figure is computed" })).toContainText("Dispute rate");
  });

  await test.step("dark mode at 375 px: the chart follows the theme and nothing is wider than the screen", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const canvas = page.getByRole("region", { name: "Volume" }).getByTestId("chart-canvas").first().locator("canvas");
    await expect(canvas).toBeVisible();
    await expect.poll(() => canvas.evaluate((c) => c.getBoundingClientRect().width)).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test("the seller's dashboard: analytics with a revenue chart and the sales CSV, exact in the token's decimals", async ({ page, market, makeWallet }) => {
  const word = uniqueWord();
  const seller = await market.freshAccount();
  const prices = ["0.011", "0.0125", "0.3"];
  const buyers = [await market.freshAccount(), await market.freshAccount(), await market.freshAccount()];
  const sold: Array<{ orderId: bigint; listingId: bigint; price: string; buyer: LocalAccount }> = [];
  for (const [i, price] of prices.entries()) {
    const listing = await listEth(market, seller, `Carved ${word} spoon ${i}`, price);
    sold.push({ orderId: await completedSale(market, seller, buyers[i]!, listing.id), listingId: listing.id, price, buyer: buyers[i]! });
  }
  // An open order from a buyer who came back: counted as placed, not completed.
  await buyDirect(market, buyers[0]!, sold[0]!.listingId);
  await indexerCaughtUp(market);

  await makeWallet([seller]);
  await page.goto("/dashboard");
  await connect(page);
  const analytics = page.getByTestId("dashboard-analytics");

  await test.step("the figures: orders, buyers and the one who came back", async () => {
    await eventually(page, async () => {
      await expect(analytics.getByLabel("Your figures")).toContainText("Orders4", { timeout: 5_000 });
    });
    await expect(analytics.getByLabel("Your figures")).toContainText("3 completed, 1 open");
    await expect(analytics.getByLabel("Your figures")).toContainText("Buyers3");
    await expect(analytics.getByLabel("Your figures")).toContainText("1 came back");
    await expect(page.getByRole("list", { name: "Order funnel" })).toContainText("Completed3");
  });

  await test.step("the revenue chart, with its numbers and its total", async () => {
    const revenue = analytics.getByRole("figure").filter({ hasText: "Revenue in ETH, per week" });
    await expect(revenue.getByTestId("chart-canvas").locator("canvas")).toBeVisible();
    // Revenue is what the seller was paid: each completed order's amount less the protocol fee.
    const total = prices.reduce((sum, p) => sum + sellerShareOfCompleted(amount(market.stack, "ETH", p)).seller, 0n);
    await expect(analytics).toContainText(`In total: ${formatAmount(total, 18)} ETH`);
    await revenue.getByText("Show the numbers").click();
    await expect(revenue.getByRole("table")).toContainText(`${formatAmount(total, 18)} (3 orders)`);
  });

  await test.step("the sales CSV: one row per order, amounts exact", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download sales (CSV)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`souk-sales-${seller.address.toLowerCase()}.csv`);
    const lines = (await readFile((await file.path())!, "utf8")).trim().split(/\r?\n/);
    const header = lines[0]!.split(",");
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [header[i]!, v])));
    expect(rows).toHaveLength(4);
    for (const sale of sold) {
      const row = rows.find((r) => r.order_id === sale.orderId.toString());
      expect(row, `order ${sale.orderId} in the CSV`).toBeDefined();
      expect(row).toMatchObject({
        outcome: "Completed",
        listing_id: sale.listingId.toString(),
        buyer: sale.buyer.address.toLowerCase(),
        quantity: "1",
        symbol: "ETH",
        decimals: "18",
        amount: formatUnits(amount(market.stack, "ETH", sale.price), 18),
      });
    }
  });
});

test("the sell form suggests a price from three completed sales in the category and currency, not from two", async ({ page, market, makeWallet }) => {
  const word = uniqueWord();
  const seller = await market.freshAccount();
  // Food & Drink in ETH: the seed sells food in DUSD only, and no other spec lists food (the stack is shared by the
  // whole suite, so a category another spec sells in ETH would count its sales too).
  const listings = [
    await listEth(market, seller, `Oolong ${word} tea`, "0.04", "Food & Drink"),
    await listEth(market, seller, `Sencha ${word} tea`, "0.02", "Food & Drink"),
    await listEth(market, seller, `Matcha ${word} tea`, "0.09", "Food & Drink"),
  ];
  await completedSale(market, seller, await market.freshAccount(), listings[0]!.id);
  await completedSale(market, seller, await market.freshAccount(), listings[1]!.id);
  await indexerCaughtUp(market);

  const someone = await market.freshAccount();
  await makeWallet([someone]);
  await page.goto("/sell");
  await connect(page);
  const suggestion = page.getByTestId("price-suggestion");
  const chooseFood = async () => {
    await page.getByLabel("Category").selectOption("Food & Drink");
    await expect(page.getByRole("radio", { name: /^ETH/ })).toBeChecked();
  };

  await test.step("two sales: too few to suggest anything", async () => {
    // The sales count once the indexer has read the listings' documents (their category).
    await eventually(page, async () => {
      await chooseFood();
      await expect(suggestion).toContainText("Only 2 Food & Drink sales in ETH completed in the last 90 days: too few to suggest a price", { timeout: 5_000 });
    });
  });

  await completedSale(market, seller, await market.freshAccount(), listings[2]!.id);
  await indexerCaughtUp(market);

  await test.step("three: the median and the range, and the median can be used", async () => {
    await eventually(page, async () => {
      await chooseFood();
      await expect(suggestion).toContainText("median", { timeout: 5_000 });
    });
    await expect(suggestion).toContainText("median 0.04 ETH");
    await expect(suggestion).toContainText("from 0.02 to 0.09 ETH");
    await expect(suggestion).toContainText("(3 sales completed in the last 90 days)");
    await suggestion.getByRole("button", { name: "Use the median" }).click();
    await expect(page.getByLabel("Price per unit")).toHaveValue("0.04");
  });
});

test("a listing's page shows similar listings from other sellers and more from this seller", async ({ page, market }) => {
  const word = uniqueWord();
  const [sellerA, sellerB] = [await market.freshAccount(), await market.freshAccount()];
  const lamp = await listEth(market, sellerA, `Brass ${word} reading lamp`, "0.05", "Home & Garden");
  const apron = await listEth(market, sellerA, `Linen apron with pockets ${word}`, "0.01", "Fashion");
  const otherLamp = await listEth(market, sellerB, `Brass ${word} reading lamps, pair`, "0.08", "Home & Garden");
  const unrelated = await listEth(market, sellerB, `Rowing machine ${uniqueWord()}`, "0.5", "Sports & Outdoors");
  await indexerCaughtUp(market);

  await page.goto(`/listing/${lamp.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Brass ${word} reading lamp` })).toBeVisible();
  const similar = page.getByTestId("similar");
  const more = page.getByTestId("more-from-seller");
  await eventually(page, async () => {
    await expect(similar.getByRole("link").first()).toBeVisible({ timeout: 5_000 });
  });
  await expect(similar.getByRole("link", { name: /Brass .* reading lamps, pair/ })).toHaveAttribute("href", `/listing/${otherLamp.id}`);
  await expect(similar.getByRole("link", { name: /Rowing machine/ })).toHaveCount(0);
  expect(await similar.getByRole("link").evaluateAll((links) => links.map((l) => l.getAttribute("href")))).not.toContain(`/listing/${unrelated.id}`);
  await expect(more.getByRole("link", { name: new RegExp(`Linen apron with pockets ${word}`) })).toHaveAttribute("href", `/listing/${apron.id}`);
  // Not the listing itself, and nobody else's.
  expect(await more.getByRole("link").evaluateAll((links) => links.map((l) => l.getAttribute("href")))).not.toContain(`/listing/${lamp.id}`);
  expect(await more.getByRole("link").evaluateAll((links) => links.map((l) => l.getAttribute("href")))).not.toContain(`/listing/${otherLamp.id}`);
});

test("the watchlist follows a price drop, and a saved search rings the bell when a new listing matches", async ({ page, market, stack, makeWallet }) => {
  const word = uniqueWord();
  const seller = await market.freshAccount();
  const vase = await listEth(market, seller, `Glazed ${word} vase`, "0.2", "Home & Garden");
  await indexerCaughtUp(market);

  const me = await market.freshAccount();
  await makeWallet([me]);
  await page.goto(`/listing/${vase.id}`);
  await connect(page);

  await test.step("watch a listing; its price drop shows on the watchlist", async () => {
    await page.getByRole("button", { name: "Watch" }).click();
    await expect(page.getByRole("button", { name: "Watching" })).toHaveAttribute("aria-pressed", "true");
    await market.write(seller, stack.registry, listingRegistryAbi, "updateListing", [vase.id, amount(stack, "ETH", "0.15"), 0n, vase.digest]);
    await indexerCaughtUp(market);
    await page.getByRole("navigation", { name: "More" }).getByRole("link", { name: "Watchlist and saved searches" }).click();
    const watched = page.getByTestId("watched-listings").getByRole("listitem").filter({ hasText: `Glazed ${word} vase` });
    await eventually(page, async () => {
      await expect(watched).toContainText("Price dropped from 0.2 ETH", { timeout: 5_000 });
    });
    await expect(watched).toContainText("0.15 ETH");
  });

  await test.step("save a search: what matches now is not news", async () => {
    await page.goto(`/?q=${word}`);
    await expect.poll(() => shownIds(page), { timeout: 20_000 }).toEqual([vase.id.toString()]);
    await page.getByRole("button", { name: "Save this search" }).click();
    await expect(page.getByText("Search saved")).toBeVisible();
    // The bell has looked once (everything before counts as seen) and has nothing about the search.
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `souk.seen.${me.address.toLowerCase()}`), { timeout: 20_000 }).not.toBeNull();
    await expect(page.getByTestId("notification-count")).toHaveCount(0);
  });

  const jug = await listEth(market, seller, `Glazed ${word} jug`, "0.1", "Home & Garden");
  const elsewhereTitle = `Glazed jug ${uniqueWord()}`;
  await listEth(market, seller, elsewhereTitle, "0.1", "Home & Garden");

  await test.step("a new listing matching it rings the bell, linking to it", async () => {
    const bell = page.getByTestId("notification-bell");
    await expect(bell.getByTestId("notification-count")).toHaveText("1", { timeout: 30_000 });
    await bell.click();
    const item = page.getByTestId("notification-list").getByRole("link", { name: new RegExp(`New listing for your saved search “${word}”`) });
    await expect(item).toContainText(`Glazed ${word} jug`);
    await expect(item).toHaveAttribute("href", `/listing/${jug.id}`);
    await item.click();
    await expect(page.getByRole("heading", { level: 1, name: `Glazed ${word} jug` })).toBeVisible();
  });

  await test.step("the watchlist page lists it under the saved search, and it can be marked seen", async () => {
    await page.goto("/watchlist");
    const saved = page.getByTestId("saved-searches").getByRole("listitem").filter({ hasText: `“${word}”` }).first();
    await expect(saved.getByRole("link", { name: `Glazed ${word} jug` })).toBeVisible();
    await expect(saved.getByText(elsewhereTitle)).toHaveCount(0);
    await saved.getByRole("button", { name: "Mark as seen" }).click();
    await expect(saved).toContainText("No new listing since you saved it.");
  });
});

test("a seller's open listing is announced on Nostr (NIP-99) with their messaging key, closing it marks it sold, and the dashboard's switch turns it off", async ({ page, market, stack, makeWallet }) => {
  const word = uniqueWord();
  const seller = await market.freshAccount();
  const bowl = await listEth(market, seller, `Ceramic ${word} bowl`, "0.03", "Home & Garden");
  await indexerCaughtUp(market);

  await makeWallet([seller]);
  await page.goto("/messages");
  await connect(page);
  await turnOnMessages(page);

  const pubkey = getPublicKey(await messagingKeyOf(seller));
  const address = `souk:${stack.chainId}:${stack.registry.toLowerCase()}:${bowl.id}`;
  const tagOf = (event: NostrEvent, name: string) => event.tags.find((t) => t[0] === name)?.slice(1);
  /** The newest announcement of the bowl the relay holds. */
  const latest = () =>
    relayRows(stack)
      .filter((row) => row.kind === CLASSIFIED_KIND && row.pubkey === pubkey)
      .map((row) => JSON.parse(row.json) as NostrEvent)
      .filter((event) => tagOf(event, "d")?.[0] === address)
      .sort((a, b) => b.created_at - a.created_at)[0];

  await test.step("announced once messaging runs: signed by the seller's key, with title, price and a link", async () => {
    await expect.poll(() => latest() !== undefined, { timeout: 30_000 }).toBe(true);
    const event = latest()!;
    expect(verifyEvent(event)).toBe(true);
    expect(tagOf(event, "title")).toEqual([`Ceramic ${word} bowl`]);
    expect(tagOf(event, "price")).toEqual(["0.03", "ETH"]);
    expect(tagOf(event, "status")).toEqual(["active"]);
    expect(tagOf(event, "r")?.[0]).toBe(`${stack.appUrl}/listing/${bowl.id}`);
  });

  await test.step("closing the listing on chain updates the announcement", async () => {
    // A replacement needs a later created_at (seconds) than the event it replaces.
    await page.waitForTimeout(1_100);
    await market.write(seller, stack.registry, listingRegistryAbi, "closeListing", [bowl.id]);
    await expect.poll(() => tagOf(latest()!, "status"), { timeout: 30_000 }).toEqual(["sold"]);
  });

  await test.step("the dashboard's switch turns announcements off: a new listing is not announced until it is on again", async () => {
    const switchBox = () => page.getByRole("checkbox", { name: "Announce my open listings on Nostr" });
    await page.goto("/dashboard");
    await expect(switchBox()).toBeChecked();
    await switchBox().uncheck();
    await page.reload();
    await expect(switchBox()).not.toBeChecked();

    const vase = await listEth(market, seller, `Stoneware ${word} vase`, "0.05", "Home & Garden");
    await indexerCaughtUp(market);
    const vaseAddress = `souk:${stack.chainId}:${stack.registry.toLowerCase()}:${vase.id}`;
    const vaseAnnounced = () =>
      relayRows(stack).some(
        (row) => row.kind === CLASSIFIED_KIND && row.pubkey === pubkey && tagOf(JSON.parse(row.json) as NostrEvent, "d")?.[0] === vaseAddress,
      );
    // The announcer runs every 3 s on the local chain: three rounds pass with the switch off.
    await expect(page.getByRole("link", { name: `Stoneware ${word} vase` }).first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(9_000);
    expect(vaseAnnounced()).toBe(false);

    await switchBox().check();
    await expect.poll(vaseAnnounced, { timeout: 30_000 }).toBe(true);
  });
});
