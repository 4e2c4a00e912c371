/**
 * The dApp on the indexer: search with English stemming and typo tolerance served by PostgreSQL, facet counts,
 * no per-visitor document downloads for search; and when the indexer stops answering mid-session, a notice, the
 * chain-only mode with nothing wrong on screen, and the indexer again once it is back. A lying indexer can show a
 * wrong price in a list, never on the listing page that leads to a payment.
 */
import { listingRegistryAbi } from "@souk/sdk/contracts";
import { formatAmount } from "@souk/sdk/format";

import { amount, listingDocument, listSomething, resultsGrid, shownIds, tokenOf, under } from "./support/discovery-and-faults.ts";
import { expect, test } from "./support/fixtures.ts";

const NOTICE = /The search service is not answering/;

test("search finds plurals, typos and accents from the indexer, with facet counts, and no document downloads", async ({ page, market, stack }) => {
  const word = `ocelot${Date.now().toString(36)}`;
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const eth = tokenOf(stack, "ETH");
  const terms = { token: eth.address, price: amount(stack, "ETH", "0.02"), stock: 3n, arbiter: arbiter.address };
  const lamp = await listSomething(market, seller, listingDocument({ title: `Brass ${word} desk lamps`, category: "Home & Garden" }), terms);
  const crepe = await listSomething(market, seller, listingDocument({ title: `Crêpe ${word} pan`, category: "Home & Garden" }), terms);
  const scarf = await listSomething(market, seller, listingDocument({ title: `Knitted ${word} scarf`, category: "Fashion" }), terms);

  const gateway: string[] = [];
  const indexer: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (under(stack.gatewayUrl)(url)) gateway.push(url.pathname);
    if (under(stack.indexerUrl)(url)) indexer.push(url.pathname + url.search);
  });

  await test.step("the listings appear in the indexer's answers", async () => {
    await page.goto(`/?q=${word}&soldout=1`);
    await expect(resultsGrid(page).getByRole("link")).toHaveCount(3, { timeout: 20_000 });
  });

  await test.step("a plural finds the singular and the singular the plural (English stemming)", async () => {
    const search = page.getByRole("searchbox", { name: "Search listings" });
    await search.fill(`${word} scarves`);
    await expect.poll(() => shownIds(page)).toEqual([scarf.id.toString()]);
    await search.fill(`${word} lamp`);
    await expect.poll(() => shownIds(page)).toEqual([lamp.id.toString()]);
  });

  await test.step("a typo in a word of four letters or more still finds it, and the page says what it searched for", async () => {
    const search = page.getByRole("searchbox", { name: "Search listings" });
    await search.fill(`${word} knited`);
    await expect.poll(() => shownIds(page)).toEqual([scarf.id.toString()]);
    await expect(page.getByText(/Also showing results for “knitted”/)).toBeVisible();
    await search.fill(`${word} crepe`);
    await expect.poll(() => shownIds(page)).toEqual([crepe.id.toString()]);
  });

  await test.step("facets count the results per category for the current search", async () => {
    await page.getByRole("searchbox", { name: "Search listings" }).fill(word);
    await expect.poll(() => shownIds(page)).toHaveLength(3);
    const perCategory = page.getByRole("list", { name: "Categories in the results" });
    await expect(perCategory.getByRole("button")).toHaveText(["Home & Garden2", "Fashion1"]);
    await perCategory.getByRole("button", { name: "Home & Garden 2" }).click();
    await expect.poll(() => shownIds(page)).toEqual([crepe.id.toString(), lamp.id.toString()]);
    await expect(page.getByLabel("Category")).toHaveValue("Home & Garden");
    // The currency counts follow the category chosen.
    await expect(page.getByRole("list", { name: "Currencies in the results" }).getByRole("button")).toHaveText(["ETH2"]);
  });

  expect(indexer.some((path) => path.startsWith("/api/listings?")), "the results came from the indexer").toBe(true);
  expect(gateway.filter((path) => !path.startsWith("/ipfs/")), "nothing but content from the gateway").toEqual([]);
  // Descriptions for search come with the indexer's answers: the page fetched no listing document from IPFS.
  for (const { cid } of [lamp, crepe, scarf]) expect(gateway.some((path) => path.includes(cid))).toBe(false);
});

test("the indexer going down mid-session: a notice, the chain's data, then the indexer again", async ({ page, market, stack }) => {
  const word = `heron${Date.now().toString(36)}`;
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const dusd = tokenOf(stack, "DUSD");
  const kettle = await listSomething(market, seller, listingDocument({ title: `Copper ${word} kettle`, category: "Home & Garden" }), {
    token: dusd.address,
    price: amount(stack, "DUSD", "12.5"),
    stock: 2n,
    arbiter: arbiter.address,
  });

  await page.goto(`/?q=${word}`);
  await expect.poll(() => shownIds(page), { timeout: 20_000 }).toEqual([kettle.id.toString()]);
  await expect(page.getByText(NOTICE)).toHaveCount(0);

  const toIndexer = under(stack.indexerUrl);
  await test.step("the indexer stops answering: the page says so and reads the chain instead", async () => {
    await page.route(toIndexer, (route) => route.abort("connectionrefused"));
    // The next request fails (a new search), the app falls back.
    await page.getByRole("searchbox", { name: "Search listings" }).fill(`${word} copper`);
    await expect(page.getByText(NOTICE)).toBeVisible();
    await expect.poll(() => shownIds(page), { timeout: 30_000 }).toEqual([kettle.id.toString()]);
    const card = resultsGrid(page).getByRole("article").first();
    await expect(card).toContainText(`Copper ${word} kettle`);
    await expect(card).toContainText(`${formatAmount(amount(stack, "DUSD", "12.5"), dusd.decimals)} DUSD`);
  });

  await test.step("it answers again: the notice goes and the indexer serves the page", async () => {
    await page.unroute(toIndexer);
    await expect(page.getByText(NOTICE)).toHaveCount(0, { timeout: 15_000 });
    await page.getByRole("searchbox", { name: "Search listings" }).fill(`${word} kettles`);
    await expect.poll(() => shownIds(page)).toEqual([kettle.id.toString()]);
  });
});

test("a lying indexer can show a wrong price in a list, never on the listing page that leads to a payment", async ({ page, market, stack }) => {
  const word = `magpie${Date.now().toString(36)}`;
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const eth = tokenOf(stack, "ETH");
  const price = amount(stack, "ETH", "0.3");
  const clock = await listSomething(market, seller, listingDocument({ title: `Mantel ${word} clock`, category: "Home & Garden" }), {
    token: eth.address,
    price,
    stock: 1n,
    arbiter: arbiter.address,
  });
  // The indexer claims the listing costs a thousandth of its price.
  await page.route(
    (url) => under(stack.indexerUrl)(url) && url.pathname === "/api/listings",
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: Array<{ id: string; price: string }> };
      for (const item of body.items) if (item.id === clock.id.toString()) item.price = (price / 1000n).toString();
      await route.fulfill({ response, json: body });
    },
  );
  await page.goto(`/?q=${word}`);
  await expect.poll(() => shownIds(page), { timeout: 20_000 }).toEqual([clock.id.toString()]);
  await resultsGrid(page).getByRole("link").first().click();
  const onChain = await market.client.readContract({ address: stack.registry, abi: listingRegistryAbi, functionName: "getListing", args: [clock.id] });
  expect(onChain.price).toBe(price);
  await expect(page.getByRole("heading", { name: `Mantel ${word} clock` })).toBeVisible();
  await expect(page.getByText(`${formatAmount(price, 18)} ETH`).first()).toBeVisible();
  await expect(page.getByText(`${formatAmount(price / 1000n, 18)} ETH`)).toHaveCount(0);
});
