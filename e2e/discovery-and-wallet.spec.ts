/**
 * Finding things and using a wallet: the browse page's search, filters and sorts against what the chain and IPFS
 * say (and kept in the URL), and the wallet moments that go wrong in real life: a refused connection, a refused
 * payment, another account chosen mid-session, a wallet on the wrong network.
 */
import { escrowAbi, listingRegistryAbi, reputationAbi, demoTokenAbi } from "@souk/sdk/contracts";
import { formatAmount, shortAddress } from "@souk/sdk/format";
import type { Address } from "viem";

import {
  amount,
  countText,
  expectedBrowse,
  listingDocument,
  listSomething,
  PAGE_SIZE,
  readCatalogue,
  resultsGrid,
  shownIds,
  tokenOf,
  type BrowseQuery,
  type CatalogueEntry,
} from "./support/discovery-and-faults.ts";
import { connect, expect, test } from "./support/fixtures.ts";

test("a buyer searches, filters and sorts the listings, and the address bar keeps the view", async ({ page, market, stack }) => {
  const word = `kestrel${Date.now().toString(36)}`;
  const dusd = tokenOf(stack, "DUSD");
  const dgld = tokenOf(stack, "DGLD");
  const ids: Record<"puzzle" | "kite" | "chess" | "yoyo" | "lantern", bigint> = { puzzle: 0n, kite: 0n, chess: 0n, yoyo: 0n, lantern: 0n };
  let catalogue: CatalogueEntry[] = [];

  await test.step("a new seller lists five things in three currencies; one sells out, one is closed, one is rated 3 stars", async () => {
    const [seller, arbiter, buyer] = [await market.freshAccount(), await market.freshAccount(), await market.freshAccount()];
    const terms = { stock: 5n, arbiter: arbiter.address };
    ids.puzzle = (
      await listSomething(market, seller, listingDocument({ title: `Wooden ${word} puzzle box`, category: "Toys & Games" }), {
        ...terms,
        token: dusd.address,
        price: amount(stack, "DUSD", "7.25"),
      })
    ).id;
    ids.kite = (
      await listSomething(market, seller, listingDocument({ title: `Ripstop ${word} kite`, category: "Sports & Outdoors" }), {
        ...terms,
        token: dusd.address,
        price: amount(stack, "DUSD", "19.99"),
        stock: 2n,
      })
    ).id;
    ids.chess = (
      await listSomething(market, seller, listingDocument({ title: `Travel ${word} chess set`, category: "Toys & Games" }), {
        ...terms,
        token: dgld.address,
        price: amount(stack, "DGLD", "3.5"),
      })
    ).id;
    ids.yoyo = (
      await listSomething(market, seller, listingDocument({ title: `Maple ${word} yo-yo`, category: "Toys & Games" }), {
        ...terms,
        token: tokenOf(stack, "ETH").address,
        price: amount(stack, "ETH", "0.0123"),
      })
    ).id;
    ids.lantern = (
      await listSomething(market, seller, listingDocument({ title: `Paper ${word} lantern`, category: "Toys & Games" }), {
        ...terms,
        token: dusd.address,
        price: amount(stack, "DUSD", "12"),
      })
    ).id;
    // The chess set sells out (a stock-only update: all its units taken off sale), the lantern is closed.
    await market.write(seller, stack.registry, listingRegistryAbi, "updateListing", [ids.chess, amount(stack, "DGLD", "3.5"), -terms.stock, `0x${"0".repeat(64)}`]);
    await market.write(seller, stack.registry, listingRegistryAbi, "closeListing", [ids.lantern]);
    // A completed purchase rated 3 stars gives the seller an average of exactly 3.
    await market.write(buyer, stack.escrow, escrowAbi, "buy", [ids.yoyo, 1n, 1n], amount(stack, "ETH", "0.0123"));
    const orderId = await market.lastOrderOf(buyer.address);
    await market.write(buyer, stack.escrow, escrowAbi, "confirm", [orderId]);
    await market.write(buyer, stack.reputation, reputationAbi, "rate", [orderId, 3n, `0x${"0".repeat(64)}`]);
    // Completed: the seller is credited the price minus the 1% protocol fee, to the wei.
    const yoyoPrice = amount(stack, "ETH", "0.0123");
    expect(await market.credit(seller.address)).toBe(yoyoPrice - (yoyoPrice * 100n) / 10_000n);

    expect((await market.listing(ids.chess)).stock).toBe(0n);
    expect((await market.listing(ids.lantern)).closed).toBe(true);
    expect((await market.listing(ids.yoyo)).stock).toBe(4n);
    const stats = await market.stats(seller.address);
    expect([stats.ratingsAsSeller, stats.scoreSumAsSeller]).toEqual([1n, 3n]);
    catalogue = await readCatalogue(market);
    // The comparison is only meaningful if the market has listings of several kinds.
    expect(new Set(catalogue.map((l) => l.token)).size).toBe(3);
    expect(new Set(catalogue.map((l) => l.metadata?.category)).size).toBeGreaterThanOrEqual(9);
  });

  const search = page.getByRole("searchbox", { name: "Search listings" });
  const category = page.getByLabel("Category");
  const currency = page.getByLabel("Currency");
  const minPrice = page.getByLabel("Minimum price");
  const maxPrice = page.getByLabel("Maximum price");
  const rating = page.getByLabel("Seller rating");
  const soldOut = page.getByRole("checkbox", { name: /Include sold-out listings/ });
  const sort = page.getByLabel("Sort by");
  const heading = page.getByRole("heading", { level: 2, name: /^\d[\d,]* listings?\b/ });

  /** The grid shows the expected listings in order (first page), the heading their number, the URL the view. */
  const expectView = async (query: BrowseQuery, url: Record<string, string>) => {
    const expected = expectedBrowse(catalogue, query, stack);
    await expect.poll(() => shownIds(page), { message: `listings for ${JSON.stringify(url)}` }).toEqual(expected.slice(0, PAGE_SIZE).map(String));
    await expect(heading).toHaveText(query.word === undefined ? countText(expected.length) : `${countText(expected.length)} for “${query.word}”`);
    await expect.poll(() => Object.fromEntries(new URL(page.url()).searchParams)).toEqual(url);
    return expected;
  };

  await test.step("the default view: everything in stock, newest first; closed and sold-out listings are hidden", async () => {
    await page.goto("/");
    const expected = await expectView({}, {});
    expect(expected).toContain(ids.puzzle);
    expect(expected).not.toContain(ids.chess);
    expect(expected).not.toContain(ids.lantern);
    await expect(sort).toHaveValue("newest");
  });

  await test.step("searching a word finds the seller's listings in stock", async () => {
    await search.fill(word);
    await search.press("Enter");
    const expected = await expectView({ word }, { q: word });
    expect(expected).toEqual([ids.yoyo, ids.kite, ids.puzzle]);
    await expect(resultsGrid(page).getByRole("link", { name: `Wooden ${word} puzzle box` })).toBeVisible();
    await page.getByRole("button", { name: `Remove filter: “${word}”` }).click();
    await expect(search).toHaveValue("");
    await expectView({}, {});
  });

  await test.step("a category shows only listings whose verified description is in it", async () => {
    await category.selectOption("Toys & Games");
    const expected = await expectView({ category: "Toys & Games" }, { category: "Toys & Games" });
    expect(expected).toEqual(expect.arrayContaining([ids.yoyo, ids.puzzle]));
    expect(expected).not.toContain(ids.kite);
    for (const card of await resultsGrid(page).getByRole("listitem").all()) await expect(card).toContainText("Toys & Games");
  });

  await test.step("a currency, then a price range in it (bounds included, in DUSD's 6 decimals)", async () => {
    await category.selectOption("");
    await currency.selectOption({ label: "DUSD" });
    await expectView({ token: dusd.address }, { token: dusd.address.toLowerCase() });
    await expect(page.getByText("In DUSD, per unit.")).toBeVisible();
    await minPrice.fill("7.25");
    await minPrice.press("Enter");
    await maxPrice.fill("19.99");
    await maxPrice.press("Enter");
    const expected = await expectView(
      { token: dusd.address, min: 7_250_000n, max: 19_990_000n },
      { token: dusd.address.toLowerCase(), min: "7.25", max: "19.99" },
    );
    expect(expected).toEqual(expect.arrayContaining([ids.puzzle, ids.kite]));
    await expect(page.getByRole("button", { name: "Remove filter: 7.25 – 19.99 DUSD" })).toBeVisible();
    for (const card of await resultsGrid(page).getByRole("listitem").all()) await expect(card).toContainText(/ DUSD/);
    // A bound with more decimals than the currency has is refused, not rounded.
    await maxPrice.fill("19.9900001");
    await expect(page.getByRole("alert").filter({ hasText: "Enter an amount like 12.5, with at most 6 decimals." })).toBeVisible();
    await maxPrice.fill("19.98");
    await maxPrice.press("Enter");
    const narrower = await expectView(
      { token: dusd.address, min: 7_250_000n, max: 19_980_000n },
      { token: dusd.address.toLowerCase(), min: "7.25", max: "19.98" },
    );
    expect(narrower).not.toContain(ids.kite);
  });

  await test.step("a minimum seller rating: 3 stars and up includes the 3.0 seller, 4 stars and up does not", async () => {
    await page.getByRole("button", { name: "Clear all" }).click();
    await expectView({}, {});
    await rating.selectOption("3");
    const three = await expectView({ minRating: 3 }, { rating: "3" });
    expect(three).toContain(ids.puzzle);
    await rating.selectOption("4");
    const four = await expectView({ minRating: 4 }, { rating: "4" });
    expect(four).not.toContain(ids.puzzle);
    expect(four.length).toBeGreaterThan(0);
    await rating.selectOption("");
    await expectView({}, {});
  });

  await test.step("including sold-out listings adds them, marked sold out; closed ones stay hidden", async () => {
    // The box follows the address bar (a render later), so it is clicked, then seen ticked.
    await soldOut.click();
    await expect(soldOut).toBeChecked();
    const expected = await expectView({ soldOut: true }, { soldout: "1" });
    expect(expected).toContain(ids.chess);
    expect(expected).not.toContain(ids.lantern);
    await expect(resultsGrid(page).getByRole("listitem").filter({ hasText: `Travel ${word} chess set` })).toContainText("Sold out");
  });

  await test.step("each sort: price both ways (within each currency), best-rated sellers, newest", async () => {
    await sort.selectOption("price-asc");
    await expectView({ soldOut: true, sort: "price-asc" }, { soldout: "1", sort: "price-asc" });
    await expect(page.getByText("Prices are sorted within each currency.")).toBeVisible();
    await sort.selectOption("price-desc");
    await expectView({ soldOut: true, sort: "price-desc" }, { soldout: "1", sort: "price-desc" });
    await sort.selectOption("rating");
    await expectView({ soldOut: true, sort: "rating" }, { soldout: "1", sort: "rating" });
    await sort.selectOption("newest");
    await expectView({ soldOut: true }, { soldout: "1" });
    // Within one currency every price compares: the cheapest DGLD listing first.
    await currency.selectOption({ label: "DGLD" });
    await sort.selectOption("price-asc");
    await expectView({ soldOut: true, token: dgld.address, sort: "price-asc" }, { soldout: "1", token: dgld.address.toLowerCase(), sort: "price-asc" });
  });

  const before = { soldOut: true, token: dusd.address, min: 5_000_000n, sort: "price-asc" as const };
  const beforeUrl = { soldout: "1", token: dusd.address.toLowerCase(), min: "5", sort: "price-asc" };
  const after = { ...before, sort: "price-desc" as const };
  const afterUrl = { ...beforeUrl, sort: "price-desc" };

  await test.step("a reload restores the view from the address bar", async () => {
    await currency.selectOption({ label: "DUSD" });
    await minPrice.fill("5");
    await minPrice.press("Enter");
    await expectView(before, beforeUrl);
    await sort.selectOption("price-desc");
    await expectView(after, afterUrl);
    await page.reload();
    await expectView(after, afterUrl);
    await expect(currency).toHaveValue(dusd.address.toLowerCase());
    await expect(minPrice).toHaveValue("5");
    await expect(soldOut).toBeChecked();
    await expect(sort).toHaveValue("price-desc");
  });

  await test.step("Back and Forward move between views, controls included", async () => {
    await page.goBack();
    await expectView(before, beforeUrl);
    await expect(sort).toHaveValue("price-asc");
    await expect(minPrice).toHaveValue("5");
    await page.goForward();
    await expectView(after, afterUrl);
    await expect(sort).toHaveValue("price-desc");
  });
});

test("a person cancels the wallet's connection prompt, is told calmly, and connects on the second try", async ({ page, market, makeWallet }) => {
  const person = await market.freshAccount();
  const wallet = await makeWallet([person]);
  const dialog = page.getByRole("dialog", { name: "Connect a wallet" });
  const account = page.getByLabel(`Account ${person.address}`);

  await test.step("the first prompt is refused in the wallet", async () => {
    await page.goto("/");
    wallet.rejectNext();
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await dialog.getByRole("button", { name: /Souk Test Wallet/ }).click();
    await expect(dialog.getByRole("status")).toHaveText("Connection cancelled. You can try again whenever you like.");
    await expect(dialog.getByRole("alert")).toHaveCount(0);
    await expect(account).toHaveCount(0);
    expect(wallet.requests.filter((r) => r.outcome === "rejected")).toHaveLength(1);
  });

  await test.step("trying again connects: the header shows the account and the dialog closes", async () => {
    await dialog.getByRole("button", { name: /Souk Test Wallet/ }).click();
    await expect(dialog).toBeHidden();
    await expect(account).toHaveText(shortAddress(person.address));
    await expect(page.getByRole("button", { name: "Connect wallet" })).toHaveCount(0);
  });

  await test.step("a reload keeps the connection without a new prompt, and nothing was sent to the chain", async () => {
    const prompts = wallet.requests.filter((r) => r.outcome !== "forwarded").length;
    await page.reload();
    await expect(account).toHaveText(shortAddress(person.address));
    expect(wallet.requests.filter((r) => r.outcome !== "forwarded")).toHaveLength(prompts);
    expect(wallet.requests.some((r) => r.method === "eth_sendTransaction")).toBe(false);
    expect(await market.client.getTransactionCount({ address: person.address })).toBe(0);
  });
});

test("a buyer cancels a payment in the wallet: a calm note, the choices kept, nothing paid; then pays", async ({ page, market, stack, makeWallet }) => {
  const [seller, arbiter, buyer] = [await market.freshAccount(), await market.freshAccount(), await market.freshAccount()];
  const title = `Brass ship's bell ${Date.now().toString(36)}`;
  const price = amount(stack, "ETH", "0.25");
  const { id } = await listSomething(market, seller, listingDocument({ title, category: "Home & Garden" }), {
    token: tokenOf(stack, "ETH").address,
    price,
    stock: 5n,
    arbiter: arbiter.address,
  });
  const wallet = await makeWallet([buyer]);
  const quantity = page.getByLabel("Quantity");
  const pay = page.getByRole("button", { name: "Pay 0.5 ETH" });
  const balanceBefore = await market.client.getBalance({ address: buyer.address });
  const escrowBefore = await market.client.getBalance({ address: stack.escrow });

  await test.step("the buyer chooses 2 units and refuses the transaction in the wallet", async () => {
    await page.goto(`/listing/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await connect(page);
    await page.getByRole("button", { name: "One more" }).click();
    await expect(quantity).toHaveValue("2");
    wallet.rejectNext();
    await pay.click();
    await expect(page.getByText("You cancelled in your wallet. Nothing was paid, and your choices are still here when you are ready.")).toBeVisible();
    await expect(page.getByTestId("toast").filter({ hasText: "Cancelled" })).toContainText("You cancelled the request in your wallet.");
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(quantity).toHaveValue("2");
    await expect(pay).toBeEnabled();
  });

  await test.step("nothing changed on chain: no order, same stock, not a wei spent", async () => {
    expect(wallet.requests.filter((r) => r.method === "eth_sendTransaction").map((r) => r.outcome)).toEqual(["rejected"]);
    const listing = await market.listing(id);
    expect([listing.stock, listing.orderCount]).toEqual([5n, 0n]);
    expect(await market.client.getBalance({ address: buyer.address })).toBe(balanceBefore);
    expect(await market.client.getBalance({ address: stack.escrow })).toBe(escrowBefore);
    expect(await market.client.getTransactionCount({ address: buyer.address })).toBe(0);
  });

  await test.step("paying again goes through: 2 units for exactly 0.5 ETH, held by the escrow", async () => {
    await pay.click();
    const orderId = (BigInt(id) << 32n) | 1n;
    await expect(page.getByRole("heading", { name: "Order placed" })).toBeVisible();
    await expect(page.getByText(`You paid 0.5 ETH for 2 units (order #${id}-1)`)).toBeVisible();
    expect(await market.lastOrderOf(buyer.address)).toBe(orderId);
    const order = await market.order(orderId);
    expect([order.stateName, order.amount, order.quantity, order.buyer]).toEqual(["Funded", price * 2n, 2n, buyer.address]);
    expect((await market.listing(id)).stock).toBe(3n);
    const [placed] = await market.client.getContractEvents({ address: stack.escrow, abi: escrowAbi, eventName: "OrderPlaced", args: { orderId }, fromBlock: 0n });
    const receipt = await market.client.getTransactionReceipt({ hash: placed!.transactionHash });
    expect(await market.client.getBalance({ address: buyer.address })).toBe(balanceBefore - price * 2n - receipt.gasUsed * receipt.effectiveGasPrice);
    expect(await market.client.getBalance({ address: stack.escrow })).toBe(escrowBefore + price * 2n);
  });
});

test("a person switches accounts in the wallet mid-session and the dApp follows without a reload", async ({ page, market, stack, makeWallet }) => {
  const dusd = tokenOf(stack, "DUSD");
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const [first, second] = [await market.freshAccount({ tokens: true }), await market.freshAccount()];
  await market.write(second, dusd.address, demoTokenAbi, "faucet", [second.address, amount(stack, "DUSD", "2500.5")]);
  const tag = Date.now().toString(36);
  const terms = { token: dusd.address, stock: 10n, arbiter: arbiter.address };
  const kettle = await listSomething(market, seller, listingDocument({ title: `Enamel kettle ${tag}`, category: "Home & Garden" }), { ...terms, price: amount(stack, "DUSD", "12.5") });
  const scarf = await listSomething(market, seller, listingDocument({ title: `Wool scarf ${tag}`, category: "Fashion" }), { ...terms, price: amount(stack, "DUSD", "30") });
  const lamp = await listSomething(market, seller, listingDocument({ title: `Desk lamp ${tag}`, category: "Home & Garden" }), { ...terms, price: amount(stack, "DUSD", "40") });
  // Each account has bought something else: the kettle by the first, two scarves by the second.
  for (const [buyer, listing, quantity] of [[first, kettle, 1n], [second, scarf, 2n]] as const) {
    const total = (listing === kettle ? amount(stack, "DUSD", "12.5") : amount(stack, "DUSD", "30")) * quantity;
    await market.write(buyer, dusd.address, demoTokenAbi, "approve", [stack.escrow, total]);
    await market.write(buyer, stack.escrow, escrowAbi, "buy", [listing.id, quantity, 1n]);
  }
  const balanceOf = (account: Address) => market.client.readContract({ address: dusd.address, abi: demoTokenAbi, functionName: "balanceOf", args: [account] });
  const shown = async (account: Address) => `${formatAmount(await balanceOf(account), dusd.decimals)} DUSD`;
  expect(await shown(first.address)).toBe("9,987.5 DUSD");
  expect(await shown(second.address)).toBe("2,440.5 DUSD");

  const wallet = await makeWallet([first, second]);
  const purchases = page.getByRole("tabpanel");
  const balance = page.getByText("Your balance").locator("..");

  await test.step("the first account sees its own purchase under My orders", async () => {
    await page.goto("/");
    await connect(page);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByLabel(`Account ${first.address}`).click();
    await page.getByRole("link", { name: "My orders" }).click();
    await expect(page.getByRole("heading", { name: "Your orders" })).toBeVisible();
    await expect(purchases.getByRole("link", { name: `Enamel kettle ${tag}` })).toBeVisible();
    await expect(purchases.getByRole("link", { name: `Wool scarf ${tag}` })).toHaveCount(0);
  });

  await test.step("choosing the second account in the wallet switches the header and the orders", async () => {
    await wallet.switchAccount(1);
    await expect(page.getByLabel(`Account ${second.address}`)).toHaveText(shortAddress(second.address));
    await expect(page.getByLabel(`Account ${first.address}`)).toHaveCount(0);
    await expect(purchases.getByRole("link", { name: `Wool scarf ${tag}` })).toBeVisible();
    await expect(purchases.getByRole("link", { name: `Enamel kettle ${tag}` })).toHaveCount(0);
    await expect(purchases).toContainText("60 DUSD · 2 units");
  });

  await test.step("the buy panel shows the balance of whichever account is chosen", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    await resultsGrid(page).getByRole("link", { name: `Desk lamp ${tag}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Desk lamp ${tag}`);
    await expect(balance).toHaveText(`Your balance${await shown(second.address)}`);
    await wallet.switchAccount(0);
    await expect(page.getByLabel(`Account ${first.address}`)).toBeVisible();
    await expect(balance).toHaveText(`Your balance${await shown(first.address)}`);
    await wallet.switchAccount(1);
    await expect(balance).toHaveText(`Your balance${await shown(second.address)}`);
  });

  await test.step("all of it in the same page: no reload happened, and the chain is as the page says", async () => {
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect((await market.order(await market.lastOrderOf(first.address))).listingId).toBe(kettle.id);
    expect((await market.order(await market.lastOrderOf(second.address))).listingId).toBe(scarf.id);
    expect((await market.listing(lamp.id)).orderCount).toBe(0n);
  });
});

test("a wallet on another network: a banner with a switch button puts it back", async ({ page, market, stack, makeWallet }) => {
  const [seller, arbiter, buyer] = [await market.freshAccount(), await market.freshAccount(), await market.freshAccount()];
  const title = `Cast-iron pan ${Date.now().toString(36)}`;
  const { id } = await listSomething(market, seller, listingDocument({ title, category: "Home & Garden" }), {
    token: tokenOf(stack, "ETH").address,
    price: amount(stack, "ETH", "0.1"),
    stock: 2n,
    arbiter: arbiter.address,
  });
  const wallet = await makeWallet([buyer]);
  const banner = page.getByRole("alert").filter({ hasText: "Your wallet is on another network. Souk runs on Souk local chain." });
  const pay = page.getByRole("button", { name: "Pay 0.1 ETH" });

  await test.step("connected on the right chain, the buyer can pay", async () => {
    await page.goto(`/listing/${id}`);
    await connect(page);
    await expect(pay).toBeEnabled();
    await expect(banner).toHaveCount(0);
  });

  await test.step("the wallet moves to Ethereum mainnet: a banner says so and buying waits", async () => {
    await wallet.switchChain(1);
    await expect(banner).toBeVisible();
    await expect(pay).toHaveCount(0);
    await expect(page.getByText("Your wallet is on another network. Souk runs on Souk local chain.")).toHaveCount(2);
  });

  await test.step("refusing the switch in the wallet keeps the banner, with a calm note", async () => {
    wallet.rejectNext();
    await banner.getByRole("button", { name: "Switch to Souk local chain" }).click();
    await expect(banner).toContainText("Switch cancelled.");
    await expect(banner).toBeVisible();
  });

  await test.step("the banner's button switches the wallet back: the banner goes and buying is possible again", async () => {
    await banner.getByRole("button", { name: "Switch to Souk local chain" }).click();
    await expect(banner).toHaveCount(0);
    await expect(pay).toBeEnabled();
    expect(wallet.requests.filter((r) => r.method === "wallet_switchEthereumChain").map((r) => r.outcome)).toEqual(["rejected", "approved"]);
    expect(await market.client.getTransactionCount({ address: buyer.address })).toBe(0);
    expect((await market.listing(id)).orderCount).toBe(0n);
  });
});
