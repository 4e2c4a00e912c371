/**
 * When the world misbehaves, the dApp stays usable and loses nothing: a gateway that lies, documents that hash
 * correctly but break the format (or try to run code), the IPFS API or the chain node going away, files that are
 * not pictures.
 */
import type { Page } from "@playwright/test";
import { cidToDigest, digestToCid, rawCidOf } from "@souk/sdk/cid";
import { listingRegistryAbi } from "@souk/sdk/contracts";
import { listingMetadataSchema, parseDocument } from "@souk/sdk/schemas";
import {
  addRawBlock,
  amount,
  createListingOnChain,
  DAY,
  listingDocument,
  listSomething,
  noisePicture,
  overrideRpc,
  pinnedCids,
  pngPicture,
  publishJson,
  randomColour,
  recordAlert,
  resultsGrid,
  tokenOf,
  under,
} from "./support/discovery-and-faults.ts";
import { connect, expect, test } from "./support/fixtures.ts";
import type { Stack } from "./support/stack.ts";

/**
 * These journeys are about what the browser does itself in the chain-only mode (verifying what lists fetch from IPFS,
 * waiting for a slow node): the search service is made unreachable for the page. The indexer's lists are covered
 * by indexer.spec.ts; the listing page reads the chain and verifies in both modes.
 */
async function browseWithoutIndexer(page: Page, stack: Stack): Promise<void> {
  await page.route(under(stack.indexerUrl), (route) => route.abort("connectionrefused"));
}

test("a gateway that returns other bytes than the CID names: the listing says it could not be verified and shows none of them", async ({ page, market, stack }) => {
  await browseWithoutIndexer(page, stack);
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const tag = Date.now().toString(36);
  const eth = tokenOf(stack, "ETH").address;
  const real = pngPicture(randomColour(), randomColour());
  const other = pngPicture(randomColour(), randomColour());
  const realCid = await addRawBlock(stack, real);
  const title = `Linen tablecloth ${tag}`;
  const tamperedTitle = `TAMPERED offer!! ${tag}`.padEnd(title.length, "!").slice(0, title.length);
  const tablecloth = await listSomething(
    market,
    seller,
    listingDocument({ title, category: "Home & Garden", description: "Hand-hemmed natural linen, 140 x 220 cm.", images: [{ cid: realCid, type: "image/png", alt: "The tablecloth" }] }),
    { token: eth, price: amount(stack, "ETH", "0.04"), stock: 3n, arbiter: arbiter.address },
  );
  const stoolTitle = `Oak milking stool ${tag}`;
  const stool = await listSomething(
    market,
    seller,
    listingDocument({ title: stoolTitle, category: "Home & Garden", images: [{ cid: realCid, type: "image/png", alt: "The stool" }] }),
    { token: eth, price: amount(stack, "ETH", "0.06"), stock: 1n, arbiter: arbiter.address },
  );
  const served = { document: 0, image: 0 };

  await test.step("the gateway lies: the tablecloth's description comes back edited, its picture replaced", async () => {
    await page.route(
      (url) => url.href.startsWith(`${stack.gatewayUrl}/ipfs/${tablecloth.cid}`),
      async (route) => {
        served.document += 1;
        const response = await route.fetch();
        const body = (await response.text()).replace(title, tamperedTitle);
        expect(body).toContain(tamperedTitle);
        await route.fulfill({ response, body });
      },
    );
    await page.route(
      (url) => url.href.startsWith(`${stack.gatewayUrl}/ipfs/${realCid}`),
      async (route) => {
        served.image += 1;
        await route.fulfill({ response: await route.fetch(), body: other, contentType: "image/png" });
      },
    );
  });

  await test.step("the tablecloth's page warns that its description could not be verified, shows none of it, and does not sell", async () => {
    await page.goto(`/listing/${tablecloth.id}`);
    await expect(page.getByRole("heading", { level: 2, name: "This listing's description could not be verified" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Listing #${tablecloth.id}`);
    await expect(page.getByText("Buying is switched off")).toBeVisible();
    await expect(page.getByText("Its description could not be verified, and nobody should pay for something they cannot see.")).toBeVisible();
    await expect(page.getByText("0.04 ETH").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect a wallet to buy" })).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(tamperedTitle);
    await expect(page.locator("body")).not.toContainText("Hand-hemmed");
    await expect(page.locator('img[src^="blob:"]')).toHaveCount(0);
    expect(served.document).toBeGreaterThan(0);
  });

  await test.step("the stool's description is genuine but its picture is not: the picture is replaced by a warning", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    await resultsGrid(page).getByRole("link", { name: stoolTitle }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(stoolTitle);
    await expect(page.getByRole("img", { name: "Image could not be verified" })).toHaveText("⚠ Image could not be verified");
    await expect(page.locator('img[src^="blob:"]')).toHaveCount(0);
    await expect(page.getByText("Buying is switched off")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Connect a wallet to buy" })).toBeVisible();
    expect(served.image).toBeGreaterThan(0);
  });

  await test.step("in the catalogue the tablecloth's card says the same, without its title or picture", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    const card = resultsGrid(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: `Listing #${tablecloth.id}: details could not be verified` }) });
    await expect(card).toContainText("Could not be verified");
    await expect(card).toContainText("The gateway returned a description that does not match this listing's fingerprint, so it is not shown.");
    await expect(card).not.toContainText(tamperedTitle);
    await expect(resultsGrid(page).getByRole("listitem").filter({ hasText: stoolTitle }).getByRole("img", { name: "Image could not be verified" })).toBeVisible();
    await expect(page.getByAltText("The stool")).toHaveCount(0);
  });

  await test.step("once the gateway is honest again, \"Check again\" shows the real listing, photo included, without a reload", async () => {
    await resultsGrid(page).getByRole("link", { name: `Listing #${tablecloth.id}: details could not be verified` }).click();
    await expect(page.getByRole("heading", { level: 2, name: "This listing's description could not be verified" })).toBeVisible();
    await page.unrouteAll({ behavior: "wait" });
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("Hand-hemmed natural linen, 140 x 220 cm.")).toBeVisible();
    await expect(page.getByAltText("The tablecloth")).toHaveAttribute("src", /^blob:/);
    await expect(page.getByText("Buying is switched off")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Connect a wallet to buy" })).toBeVisible();
  });

  await test.step("nothing changed on chain", async () => {
    for (const id of [tablecloth.id, stool.id]) {
      const listing = await market.listing(id);
      expect([listing.closed, listing.orderCount, listing.version]).toEqual([false, 0n, 1n]);
    }
  });
});

test("documents that match their digest but not the listing format are refused with a reason, and no script in them runs", async ({ page, market, stack }) => {
  await browseWithoutIndexer(page, stack);
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const tag = Date.now().toString(36);
  const terms = { token: tokenOf(stack, "DUSD").address, price: amount(stack, "DUSD", "5"), stock: 4n, arbiter: arbiter.address };
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const scriptTitle = `<script>window.__soukPwned=1;alert("script ${tag}")</script>`;
  const imgTitle = `<img src=x onerror="window.__soukPwned=2;alert('img ${tag}')">`;
  const listings: Record<"untitled" | "oneMiB" | "fiveMB" | "script" | "img", bigint> = { untitled: 0n, oneMiB: 0n, fiveMB: 0n, script: 0n, img: 0n };
  let fiveMB: { cid: string; bytes: Uint8Array } | undefined;

  await test.step("a seller publishes, outside the dApp, five documents that pass the hash check", async () => {
    const { title: _, ...untitled } = listingDocument({ title: "none", category: "Other" });
    listings.untitled = await createListingOnChain(market, seller, { ...terms, digest: (await publishJson(stack, untitled)).digest });

    // The largest raw block the IPFS node (like Kubo) stores is 1 MiB: a 1 MiB description goes through its API...
    const oneMiB = listingDocument({ title: `Huge description ${tag}`, description: "" });
    oneMiB.description = "x".repeat(1_048_576 - new TextEncoder().encode(JSON.stringify(oneMiB)).byteLength);
    const stored = await publishJson(stack, oneMiB, 1_048_576);
    expect(stored.bytes.byteLength).toBe(1_048_576);
    listings.oneMiB = await createListingOnChain(market, seller, { ...terms, digest: stored.digest });

    // ...while a 5 MB one cannot be one block on the node: the gateway serves it below, bytes matching the digest.
    const big = listingDocument({ title: `Gigantic description ${tag}`, description: "y".repeat(5_000_000) });
    const bytes = new TextEncoder().encode(JSON.stringify(big));
    await expect(addRawBlock(stack, new TextEncoder().encode("{}"), 6_000_000)).rejects.toThrow(/unsupported chunker/);
    fiveMB = { cid: await rawCidOf(bytes), bytes };
    listings.fiveMB = await createListingOnChain(market, seller, { ...terms, digest: cidToDigest(fiveMB.cid) });

    const hostile = `${scriptTitle} ${imgTitle} <a href="javascript:window.__soukPwned=3">click</a>`;
    for (const [key, title] of [["script", scriptTitle], ["img", imgTitle]] as const) {
      const document = listingDocument({
        title,
        category: "Other",
        description: `Nothing to see ${tag}. ${hostile}`,
        attributes: [{ name: "<b>Note</b>", value: imgTitle }],
        tags: ["<script>x</script>"],
        delivery: { method: "shipping", regions: imgTitle, notes: hostile },
      });
      // The schema accepts these strings: they are plain text as far as the format goes.
      expect(parseDocument(listingMetadataSchema, new TextEncoder().encode(JSON.stringify(document))).ok).toBe(true);
      listings[key] = (await listSomething(market, seller, document, terms)).id;
    }
  });

  await test.step("the gateway has the 5 MB document (its bytes match the digest)", async () => {
    await page.route(
      (url) => url.href.startsWith(`${stack.gatewayUrl}/ipfs/${fiveMB!.cid}`),
      (route) =>
        route.fulfill({ status: 200, body: Buffer.from(fiveMB!.bytes), headers: { "content-type": "application/vnd.ipld.raw", "access-control-allow-origin": "*" } }),
    );
  });

  /** The payloads would set this flag, open a dialog, or leave an <img src="x"> in the page. */
  const noScriptRan = async () => {
    expect(await page.evaluate(() => (window as unknown as { __soukPwned?: number }).__soukPwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  };

  const reasonOf = async (id: bigint, reason: string) => {
    await page.goto(`/listing/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Listing #${id}`);
    await expect(page.getByRole("heading", { name: "Description unavailable" })).toBeVisible();
    await expect(page.getByText("The seller published a description that does not follow Souk's listing format, so it cannot be shown safely.")).toBeVisible();
    await expect(page.getByText(/^Reason: /)).toHaveText(`Reason: ${reason}`);
    await expect(page.getByText("Its description cannot be displayed, and nobody should pay for something they cannot see.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect a wallet to buy" })).toHaveCount(0);
  };

  await test.step("a document without a title is refused, saying which field is wrong", async () => {
    await reasonOf(listings.untitled, "title: Invalid input: expected string, received undefined");
  });

  /** Too large is said as such (not as a format problem, nor as tampering), and buying stays off. */
  const tooLarge = async (id: bigint) => {
    await page.goto(`/listing/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Listing #${id}`);
    await expect(page.getByRole("heading", { name: "Description too large to show" })).toBeVisible();
    await expect(page.getByText(/^Reason: /)).toHaveText("Reason: This content is larger than the 64 KB allowed here, so it was not downloaded.");
    await expect(page.getByText("could not be verified")).toHaveCount(0);
    await expect(page.getByText("Its description cannot be displayed, and nobody should pay for something they cannot see.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Connect a wallet to buy" })).toHaveCount(0);
  };

  await test.step("a 1 MiB and a 5 MB description are refused as too large, and the page stays responsive", async () => {
    await tooLarge(listings.oneMiB);
    await tooLarge(listings.fiveMB);
    await expect(page.locator("body")).not.toContainText("yyyyyyyyyy");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Find something good" })).toBeVisible();
  });

  await test.step("HTML in the title and elsewhere is shown as the text it is, and never runs", async () => {
    for (const [id, title] of [[listings.script, scriptTitle], [listings.img, imgTitle]] as const) {
      await page.goto(`/listing/${id}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await expect(page.getByText(`Nothing to see ${tag}.`)).toContainText(imgTitle);
      await expect(page.getByRole("row", { name: /<b>Note<\/b>/ })).toContainText(imgTitle);
      await expect(page.getByRole("link", { name: "<script>x</script>" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Connect a wallet to buy" })).toBeVisible();
      expect(await page.title()).toBe(`${title} · Souk`);
      await noScriptRan();
    }
  });

  await test.step("in the catalogue: the refused ones say so, the hostile titles are text", async () => {
    await page.goto(`/?q=${tag}`);
    const grid = resultsGrid(page);
    await expect(grid.getByRole("link", { name: scriptTitle })).toBeVisible();
    await expect(grid.getByRole("link", { name: imgTitle })).toBeVisible();
    await page.getByRole("button", { name: `Remove filter: “${tag}”` }).click();
    const card = (id: bigint) => grid.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Listing #${id}`, exact: true }) });
    await expect(card(listings.untitled)).toContainText("The seller's description cannot be displayed. Open the listing for the reason.");
    for (const id of [listings.oneMiB, listings.fiveMB]) {
      await expect(card(id)).toContainText("The seller's description is larger than Souk reads, so it was not downloaded.");
    }
  });

  await test.step("no script ran in the catalogue either, and the chain is untouched", async () => {
    await noScriptRan();
    for (const id of Object.values(listings)) expect((await market.listing(id)).orderCount).toBe(0n);
  });
});

test("the IPFS API is down while a seller publishes: a clear error, the form kept, and publishing works once it is back", async ({ page, market, stack, makeWallet }) => {
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const tag = Date.now().toString(36);
  const title = `Hand-bound notebook ${tag}`;
  const description = "A5, 96 pages of 120 g paper, sewn by hand.\nCover in waxed canvas.";
  await makeWallet([seller]);
  const listingsBefore = await market.client.readContract({ address: stack.registry, abi: listingRegistryAbi, functionName: "listingCount" });
  const failed: string[] = [];
  const ship = page.getByRole("group", { name: "Time to ship (fulfilment window)" });
  const fields = {
    title: page.getByLabel("Title", { exact: true }),
    description: page.getByLabel("Description", { exact: true }),
    category: page.getByLabel("Category"),
    condition: page.getByLabel("Condition"),
    regions: page.getByLabel("Ships to"),
    price: page.getByLabel("Price per unit"),
    stock: page.getByLabel("Quantity in stock"),
    shipDays: ship.getByLabel("days"),
    arbiter: page.getByLabel("Arbiter", { exact: true }),
    fee: page.getByLabel("Arbiter fee"),
    alt: page.getByLabel("Describe picture 1"),
  };
  const pictures = page.getByRole("list", { name: "Pictures, in order" }).getByRole("listitem");
  const dusd = page.getByRole("radio", { name: /DUSD/ });
  const apiBanner = page.getByRole("alert").filter({ hasText: "Cannot reach the IPFS node" });

  await test.step("the seller fills in the whole form, with a picture", async () => {
    await page.goto("/sell");
    await connect(page);
    await page.getByLabel("choose files").setInputFiles({ name: "notebook.png", mimeType: "image/png", buffer: pngPicture(randomColour(), randomColour(), 200) });
    await expect(fields.alt).toBeVisible();
    await fields.alt.fill("The notebook, closed");
    await fields.title.fill(title);
    await fields.description.fill(description);
    await fields.category.selectOption("Books & Media");
    await fields.condition.selectOption("new");
    await fields.regions.fill("EU");
    await dusd.check();
    await fields.price.fill("24.5");
    await fields.stock.fill("3");
    await fields.shipDays.fill("5");
    await fields.arbiter.fill(arbiter.address);
    await fields.fee.fill("2.5");
  });

  await test.step("with the IPFS API unreachable, publishing fails with a clear message and nothing is listed", async () => {
    await page.route(under(stack.ipfsApiUrl), async (route) => {
      failed.push(route.request().url());
      await route.abort("connectionrefused");
    });
    // The publishing pages watch the API too (every 10 s while it answers), and say it before anyone tries.
    await expect(apiBanner).toHaveText(
      `Cannot reach the IPFS node at ${stack.ipfsApiUrl}. Nothing can be published (listings, pictures, reviews, evidence) until it answers; Souk keeps retrying and recovers by itself.`,
      { timeout: 20_000 },
    );
    await page.getByRole("button", { name: "Publish listing" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The upload failed" });
    await expect(alert).toContainText(`The IPFS node at ${stack.ipfsApiUrl} could not store the file. Check that it is running and try again.`);
    await expect(alert).toContainText("Nothing was published. Everything you entered, pictures included, is still here: try again.");
    await expect(page.getByRole("button", { name: "Try again" })).toBeEnabled();
    expect(failed.length).toBeGreaterThan(0);
    expect(await market.client.readContract({ address: stack.registry, abi: listingRegistryAbi, functionName: "listingCount" })).toBe(listingsBefore);
    expect(await market.client.getTransactionCount({ address: seller.address })).toBe(0);
  });

  await test.step("everything typed and chosen is still there", async () => {
    await expect(fields.title).toHaveValue(title);
    await expect(fields.description).toHaveValue(description);
    await expect(fields.category).toHaveValue("Books & Media");
    await expect(fields.condition).toHaveValue("new");
    await expect(fields.regions).toHaveValue("EU");
    await expect(dusd).toBeChecked();
    await expect(fields.price).toHaveValue("24.5");
    await expect(fields.stock).toHaveValue("3");
    await expect(fields.shipDays).toHaveValue("5");
    await expect(fields.arbiter).toHaveValue(arbiter.address);
    await expect(fields.fee).toHaveValue("2.5");
    await expect(pictures).toHaveCount(1);
    await expect(fields.alt).toHaveValue("The notebook, closed");
  });

  await test.step("the API comes back: the banner goes, and trying again publishes the listing", async () => {
    await page.unrouteAll({ behavior: "wait" });
    await expect(apiBanner).toHaveCount(0);
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { name: "Your listing is live" })).toBeVisible();
    await expect(page.getByText(`“${title}” is in the catalogue as listing #${listingsBefore + 1n}.`)).toBeVisible();
  });

  await test.step("the chain and IPFS hold exactly what was typed", async () => {
    const id = listingsBefore + 1n;
    const listing = await market.listing(id);
    expect(listing).toMatchObject({
      seller: seller.address,
      token: tokenOf(stack, "DUSD").address,
      price: 24_500_000n,
      stock: 3n,
      arbiter: arbiter.address,
      arbiterFeeBps: 250n,
      fulfillmentWindow: 5n * DAY,
      confirmationWindow: 7n * DAY,
      closed: false,
    });
    const [created] = await market.client.getContractEvents({ address: stack.registry, abi: listingRegistryAbi, eventName: "ListingCreated", args: { listingId: id }, fromBlock: 0n });
    const response = await fetch(`${stack.gatewayUrl}/ipfs/${digestToCid(created!.args.metadataDigest!)}?format=raw`);
    const document = parseDocument(listingMetadataSchema, new Uint8Array(await response.arrayBuffer()));
    if (!document.ok) throw new Error(document.error);
    expect(document.value).toMatchObject({ title, description, category: "Books & Media", condition: "new", delivery: { method: "shipping", regions: "EU" } });
    expect(document.value.images).toHaveLength(1);
    expect(document.value.images[0]!.alt).toBe("The notebook, closed");
    const picture = await fetch(`${stack.gatewayUrl}/ipfs/${document.value.images[0]!.cid}?format=raw`);
    expect(picture.ok).toBe(true);
    expect(await rawCidOf(new Uint8Array(await picture.arrayBuffer()))).toBe(document.value.images[0]!.cid);
  });
});

test("the chain node goes away and comes back: a banner while it is gone, and the dApp catches up by itself", async ({ page, market, stack }) => {
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const tag = Date.now().toString(36);
  const terms = { token: tokenOf(stack, "ETH").address, price: amount(stack, "ETH", "0.02"), stock: 2n, arbiter: arbiter.address };
  const before = await listSomething(market, seller, listingDocument({ title: `Seed packets ${tag}`, category: "Home & Garden" }), terms);
  const banner = page.getByRole("alert").filter({ hasText: "Cannot reach the blockchain node" });
  const rpc = under(stack.rpcUrl);
  let refused = 0;

  await test.step("the catalogue loads from the node", async () => {
    await page.goto("/");
    await expect(resultsGrid(page).getByRole("link", { name: `Seed packets ${tag}` })).toBeVisible();
    await expect(banner).toHaveCount(0);
  });

  await test.step("the node stops answering: a banner says so and what was loaded stays on screen", async () => {
    await page.route(rpc, async (route) => {
      refused += 1;
      await route.abort("connectionrefused");
    });
    await expect(banner).toHaveText(
      `Cannot reach the blockchain node at ${stack.rpcUrl}. Listings and orders may be out of date; Souk keeps retrying and recovers by itself.`,
    );
    await expect(resultsGrid(page).getByRole("link", { name: `Seed packets ${tag}` })).toBeVisible();
    expect(refused).toBeGreaterThan(0);
  });

  let after = 0n;
  await test.step("meanwhile the seller lists something new (the chain itself is fine)", async () => {
    after = (await listSomething(market, seller, listingDocument({ title: `Watering can ${tag}`, category: "Home & Garden" }), terms)).id;
    expect((await market.listing(after)).seller).toBe(seller.address);
    await expect(banner).toBeVisible();
    await expect(resultsGrid(page).getByRole("link", { name: `Watering can ${tag}` })).toHaveCount(0);
  });

  await test.step("the node answers again: the banner goes and the new listing appears, without a reload", async () => {
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.unrouteAll({ behavior: "wait" });
    await expect(banner).toHaveCount(0);
    await expect(resultsGrid(page).getByRole("link", { name: `Watering can ${tag}` })).toBeVisible();
    await expect(resultsGrid(page).getByRole("link", { name: `Seed packets ${tag}` })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect((await market.listing(before.id)).stock).toBe(2n);
  });
});

test("a slow chain node: the pages say they are loading, then show everything, with no false alarm", async ({ page, market, stack }) => {
  await browseWithoutIndexer(page, stack);
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const title = `Copper watering can ${Date.now().toString(36)}`;
  const { id } = await listSomething(market, seller, listingDocument({ title, category: "Home & Garden" }), {
    token: tokenOf(stack, "DGLD").address,
    price: amount(stack, "DGLD", "1.75"),
    stock: 6n,
    arbiter: arbiter.address,
  });
  let delayed = 0;
  // Remembers whether the "cannot reach" banner was ever on screen, however briefly.
  const banner = await recordAlert(page, "Cannot reach the blockchain node");

  await test.step("every answer of the node takes 2 seconds", async () => {
    await page.route(under(stack.rpcUrl), async (route) => {
      delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // the simulated latency, not a wait for the page
      await route.continue();
    });
  });

  await test.step("the catalogue shows it is loading, then the listings", async () => {
    await page.goto("/");
    await expect(page.getByRole("status", { name: "Loading listings" })).toBeVisible();
    await expect(resultsGrid(page).getByRole("link", { name: title })).toBeVisible();
    await expect(resultsGrid(page).getByRole("listitem").filter({ hasText: title })).toContainText("1.75 DGLD");
  });

  await test.step("the listing page loads its terms from the slow node", async () => {
    await resultsGrid(page).getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("6 in stock")).toBeVisible();
    await expect(page.getByRole("heading", { name: "How this purchase works" })).toBeVisible();
    await expect(page.getByText("Souk's protocol fee: 1% of the seller's proceeds (paid by the seller).")).toBeVisible();
    await expect(page.getByText("The seller has 3 days to ship after you pay.")).toBeVisible();
  });

  await test.step("no banner ever claimed the node was unreachable, and the slow answers were real", async () => {
    expect(delayed).toBeGreaterThan(3);
    expect(await banner.read()).toEqual({ shown: 0, hidden: 0 });
    await page.unrouteAll({ behavior: "ignoreErrors" });
    expect((await market.listing(id)).stock).toBe(6n);
  });
});

// A node that accepts connections but never answers: the health check has its own 4 s timeout (the app's transport
// waits 10 s per attempt and retries, which would report it only after about a minute).
test("a chain node that stops answering (requests hang) is reported within 15 seconds, and recovers", async ({ page, stack }) => {
  const banner = page.getByRole("alert").filter({ hasText: "Cannot reach the blockchain node" });
  await page.goto("/");
  await expect(resultsGrid(page).getByRole("listitem").first()).toBeVisible();
  await page.route(under(stack.rpcUrl), () => {}); // accepted, never answered
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await expect(banner).toHaveCount(0);
});

test("a picture that is not a picture, is over 15 MB, or cannot be compressed enough is refused before any upload, naming the file and what to do", async ({ page, stack }) => {
  const apiRequests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    // The publishing page checks that the API is there (`version`, see the IPFS banner): that stores nothing.
    if (under(stack.ipfsApiUrl)(url) && !url.pathname.endsWith("/version")) apiRequests.push(request.url());
  });
  const pinsBefore = await pinnedCids(stack);
  const notices = page.getByRole("list", { name: "Pictures not added" }).getByRole("listitem");
  const pictures = page.getByRole("list", { name: "Pictures, in order" }).getByRole("listitem");
  // Under the 15 MB limit (about 3 MB), but random pixels: no compression gets it under 240 KiB at a useful size.
  const grainy = noisePicture(1_000);
  expect(grainy.byteLength).toBeLessThan(15 * 1024 * 1024);
  const huge = Buffer.alloc(16 * 1024 * 1024);
  pngPicture([1, 2, 3], [4, 5, 6]).copy(huge);

  await test.step("a seller drops a text file, a text file named .png, a 16 MB picture and one good picture", async () => {
    await page.goto("/sell");
    await page.getByLabel("choose files").setInputFiles([
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Shopping list: eggs, flour.") },
      { name: "holiday.png", mimeType: "image/png", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>") },
      { name: "huge-photo.png", mimeType: "image/png", buffer: huge },
      { name: "grainy.png", mimeType: "image/png", buffer: grainy },
      { name: "good.png", mimeType: "image/png", buffer: pngPicture(randomColour(), randomColour()) },
    ]);
  });

  await test.step("each refused file gets a message naming it and what to do; the good picture is added", async () => {
    await expect(notices).toHaveCount(4);
    for (const message of [
      "notes.txt is not a picture Souk accepts (PNG, JPEG, WebP, GIF or AVIF).",
      "holiday.png is not a picture Souk accepts (PNG, JPEG, WebP, GIF or AVIF).",
      "huge-photo.png is 16.0 MB; pictures can be at most 15 MB.",
      "grainy.png could not be made small enough: Souk stores each picture in at most 240 KiB, and this one is still larger after shrinking it to 960 pixels and lowering the quality (very fine detail or grain compresses poorly). Crop it closer to the item, or use a sharper, less grainy photo, then add it again.",
    ]) {
      await expect(notices.filter({ hasText: message })).toHaveCount(1);
    }
    await expect(pictures).toHaveCount(1);
    await expect(page.getByText("1 of 8")).toBeVisible();
  });

  await test.step("nothing was sent to the IPFS API, and the node stores nothing new", async () => {
    expect(apiRequests).toEqual([]);
    expect(await pinnedCids(stack)).toEqual(pinsBefore);
  });
});

test("a chain node that hangs from the first load: one steady banner while it does, and the page fills in once it answers", async ({ page, market, stack }) => {
  await browseWithoutIndexer(page, stack);
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const title = `Clay planter ${Date.now().toString(36)}`;
  await listSomething(market, seller, listingDocument({ title, category: "Home & Garden" }), {
    token: tokenOf(stack, "ETH").address,
    price: amount(stack, "ETH", "0.03"),
    stock: 2n,
    arbiter: arbiter.address,
  });
  const banner = page.getByRole("alert").filter({ hasText: "Cannot reach the blockchain node" });
  const record = await recordAlert(page, "Cannot reach the blockchain node");
  await page.route(under(stack.rpcUrl), () => {}); // accepted, never answered

  await test.step("the page opens on a node that never answers: the banner comes", async () => {
    await page.goto("/");
    await expect(banner).toHaveText(
      `Cannot reach the blockchain node at ${stack.rpcUrl}. Listings and orders may be out of date; Souk keeps retrying and recovers by itself.`,
      { timeout: 20_000 },
    );
  });

  await test.step("it stays, without blinking, through several rounds of checks", async () => {
    // Checks run every 3 s and each waits up to 4 s, then once more: a banner driven by the check in progress went
    // away at every round. Fifteen seconds is four rounds.
    await page.waitForTimeout(15_000);
    expect(await record.read()).toEqual({ shown: 1, hidden: 0 });
  });

  await test.step("the node answers: the banner goes and the listings load, without a reload", async () => {
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await expect(banner).toHaveCount(0);
    await expect(resultsGrid(page).getByRole("link", { name: title })).toBeVisible({ timeout: 30_000 });
    expect(await record.read()).toEqual({ shown: 1, hidden: 1 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});

test("IPFS unreachable: a banner like the chain's, steady, and the descriptions fill in by themselves once it answers", async ({ page, market, stack }) => {
  await browseWithoutIndexer(page, stack);
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const title = `Rattan lampshade ${Date.now().toString(36)}`;
  const { id } = await listSomething(market, seller, listingDocument({ title, category: "Home & Garden" }), {
    token: tokenOf(stack, "ETH").address,
    price: amount(stack, "ETH", "0.07"),
    stock: 1n,
    arbiter: arbiter.address,
  });
  const banner = page.getByRole("alert").filter({ hasText: "Cannot reach IPFS" });
  const record = await recordAlert(page, "Cannot reach IPFS");
  const gateway = under(stack.gatewayUrl);
  await page.route(gateway, (route) => route.abort("connectionrefused"));

  await test.step("the gateway refuses every connection: the banner says so within seconds, prices still show", async () => {
    const opened = Date.now();
    await page.goto("/");
    await expect(banner).toHaveText(
      `Cannot reach IPFS: the gateway at ${stack.gatewayUrl} does not answer. Descriptions and pictures cannot load until it answers; Souk keeps retrying and recovers by itself.`,
    );
    expect(Date.now() - opened).toBeLessThan(15_000);
    const card = resultsGrid(page).getByRole("listitem").filter({ has: page.getByRole("link", { name: `Listing #${id}`, exact: true }) });
    await expect(card).toContainText("0.07 ETH");
    await expect(resultsGrid(page).getByRole("link", { name: title })).toHaveCount(0);
  });

  await test.step("it stays, without blinking, while Souk keeps checking", async () => {
    await page.waitForTimeout(10_000);
    expect(await record.read()).toEqual({ shown: 1, hidden: 0 });
  });

  await test.step("the gateway answers again: the banner goes and the description arrives, without a reload or a click", async () => {
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.unrouteAll({ behavior: "wait" });
    await expect(banner).toHaveCount(0);
    await expect(resultsGrid(page).getByRole("link", { name: title })).toBeVisible({ timeout: 30_000 });
    expect(await record.read()).toEqual({ shown: 1, hidden: 1 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});

test("a malformed address shows the app's own not-found pages, never the browser's error page", async ({ page, consoleLog }) => {
  for (const [path, heading] of [
    ["/listing/%E0%A4%A", "Listing not found"],
    ["/%E0%A4%A", "Page not found"],
    ["/orders/%E0%A4%A", "Order not found"],
    ["/listing/%E0%A4%A/edit", "Listing not found"],
    ["/profile/%E0%A4%A", "This is not a valid address"],
  ] as const) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status(), "the server sends the app").toBe(200);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" })).toBeVisible();
    });
  }
  await test.step("a malformed search and filter in the query", async () => {
    await page.goto("/?q=%E0%A4%A&category=%ZZ&sort=%");
    await expect(page.getByRole("heading", { level: 1, name: "Find something good" })).toBeVisible();
  });
  expect(consoleLog.filter((line) => line.startsWith("[pageerror]"))).toEqual([]);
});

test("without a wallet: everything can be browsed, and the wallet dialog says where to get one", async ({ page, market, stack }) => {
  const [seller, arbiter] = [await market.freshAccount(), await market.freshAccount()];
  const title = `Walnut chopping board ${Date.now().toString(36)}`;
  const { id } = await listSomething(market, seller, listingDocument({ title, category: "Home & Garden" }), {
    token: tokenOf(stack, "ETH").address,
    price: amount(stack, "ETH", "0.04"),
    stock: 1n,
    arbiter: arbiter.address,
  });
  const dialog = page.getByRole("dialog", { name: "No wallet in this browser" });
  const explained = async () => {
    await expect(dialog).toContainText("You do not need a wallet to look around: every listing, description, review and profile is open to all.");
    await expect(dialog).toContainText("To buy, sell, rate or message, you need a wallet");
    await expect(dialog.getByRole("link", { name: "MetaMask" })).toHaveAttribute("href", "https://metamask.io/download/");
    await expect(dialog.getByRole("link", { name: "Rabby" })).toHaveAttribute("href", "https://rabby.io/");
    await expect(dialog.getByRole("button", { name: /Browser wallet/ })).toHaveCount(0);
    await expect(dialog).not.toContainText("Provider not found");
  };

  await test.step("the header's Connect wallet explains instead of failing", async () => {
    await page.goto("/");
    await expect(resultsGrid(page).getByRole("link", { name: title })).toBeVisible();
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await explained();
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
  });

  await test.step("the listing reads in full, and its buy button explains the same", async () => {
    await resultsGrid(page).getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(`/listing/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await page.getByRole("button", { name: "Connect a wallet to buy" }).click();
    await explained();
  });
});

test("a restarted chain: a browser that used the earlier one is told what to do in its wallet; a build whose contracts are gone says so", async ({ page, stack }) => {
  const restarted = page.getByRole("alert").filter({ hasText: "was restarted since you last used Souk in this browser" });
  const gone = page.getByRole("alert").filter({ hasText: "no longer has the contracts this copy of Souk was built for" });
  const key = `souk.chain-seen.${stack.chainId}`;
  const seenNow = () => page.evaluate((k) => localStorage.getItem(k), key);
  /** Waits until the dApp has checked the deployment on the chain (it asks for the escrow's code). */
  const checked = () =>
    page.waitForRequest((request) => under(stack.rpcUrl)(new URL(request.url())) && (request.postData() ?? "").includes('"eth_getCode"'));
  let seen: string | null = null;

  await test.step("a first visit: nothing to say, and the chain is remembered", async () => {
    await page.goto("/orders");
    await expect.poll(seenNow).toMatch(/^0x[0-9a-f]{64}$/);
    seen = await seenNow();
    await expect(restarted).toHaveCount(0);
  });

  await test.step("the last visit was on an earlier chain: the notice says it restarted empty and how to reset the wallet", async () => {
    await page.evaluate((k) => localStorage.setItem(k, `0x${"ab".repeat(32)}`), key);
    await page.reload();
    await expect(restarted).toContainText(
      "was restarted since you last used Souk in this browser, and it starts empty: listings, orders and balances from before are gone.",
    );
    await expect(restarted).toContainText(
      "Your wallet still remembers the old chain: if it refuses to send a transaction (“nonce too high”) or shows old ones, clear its activity for this network (MetaMask: Settings → Advanced → Clear activity tab data).",
    );
    await restarted.getByRole("button", { name: "Got it" }).click();
    await expect(restarted).toHaveCount(0);
    expect(await seenNow()).toBe(seen);
  });

  await test.step("once acknowledged, it does not come back", async () => {
    const check = checked();
    await page.reload();
    await check;
    await expect(page.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();
    await expect(restarted).toHaveCount(0);
  });

  await test.step("the chain no longer has the build's contracts (the escrow has no code): a banner says what happened and what to do", async () => {
    await overrideRpc(page, stack, (method, params) =>
      method === "eth_getCode" && String(params[0]).toLowerCase() === stack.escrow.toLowerCase() ? "0x" : undefined,
    );
    await page.reload();
    await expect(gone).toHaveText(
      `The chain at ${stack.rpcUrl} no longer has the contracts this copy of Souk was built for: it was restarted or reset since (a local chain starts empty every time). Listings and orders cannot load. If you run Souk with npm start, stop it and start it again: it deploys the contracts again and serves a matching app.`,
    );
    await page.unrouteAll({ behavior: "wait" });
  });
});
