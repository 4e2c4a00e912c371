/**
 * Messaging in the browser, each person in their own browser context with their own wallet, over the stack's Nostr
 * relay: questions before buying (answered live), the delivery address at checkout (readable by the seller only,
 * checked in the relay's own database), a seller reading later, the arbiter reading a disputed order's thread with
 * its transcript digest on chain, the notification bell for each order event, and profile names next to addresses.
 */
import { escrowAbi, orderLabel } from "@souk/sdk/contracts";
import { transcriptDigest } from "@souk/sdk/messaging";
import { evidenceSchema } from "@souk/sdk/schemas";
import { getPublicKey } from "nostr-tools/pure";

import { buy, createListing, evidenceOf, EVIDENCE_PICTURE, expect, fulfill, openConnected, openDispute, test, uploadDocument } from "./support/disputes-reviews.ts";
import { median, messagesReadableBy, messagingKeyOf, publishProfile, relayRows, shownAt, turnOnMessages, watchFor } from "./support/messaging.ts";

const ADDRESS = { name: "Ada Lovelace", line1: "12 Harbour Street", city: "Porto", postalCode: "4000-123", country: "Portugal" };

test("a buyer asks about a listing and the seller answers in real time; messages show within a second", async ({ market, person }) => {
  const sellerAccount = await market.freshAccount();
  const buyerAccount = await market.freshAccount();
  const listingId = await createListing(market, sellerAccount, { title: "Hand-built bicycle, steel frame", token: "ETH", price: 10n ** 17n, arbiter: (await market.freshAccount()).address, arbiterFeeBps: 0n });
  const seller = await person(sellerAccount, "seller");
  const buyer = await person(buyerAccount, "buyer");

  await test.step("the seller turns messages on from the inbox", async () => {
    await openConnected(seller, "/messages");
    await turnOnMessages(seller.page);
    await expect(seller.page.getByText("No conversations yet")).toBeVisible();
  });

  await test.step("the buyer asks from the listing page", async () => {
    await openConnected(buyer, `/listing/${listingId}`);
    const ask = buyer.page.getByTestId("thread");
    await expect(ask.getByRole("heading", { name: "Ask the seller" })).toBeVisible();
    await turnOnMessages(buyer.page);
    await ask.getByLabel("Message").fill("Which colour do you prefer to send: red or blue?");
    await ask.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ask.getByTestId("message").filter({ hasText: "red or blue" })).toBeVisible();
  });

  await test.step("the question reaches the seller's open inbox without a reload, with an unread count", async () => {
    const conversation = seller.page.getByTestId("conversation").filter({ hasText: `Listing #${listingId}` });
    await expect(conversation).toBeVisible();
    await expect(conversation.getByLabel("1 unread")).toBeVisible();
    await expect(seller.page.getByTestId("messages-unread")).toHaveText("1");
    await conversation.click();
    await expect(seller.page.getByTestId("message").filter({ hasText: "red or blue" })).toBeVisible();
    await expect(seller.page.getByTestId("messages-unread")).toHaveCount(0);
  });

  await test.step("the seller answers; the buyer's listing page shows it live", async () => {
    await watchFor(buyer.page, "Red is in stock");
    const thread = seller.page.getByTestId("thread");
    await thread.getByLabel("Message").fill("Red is in stock, I can ship it tomorrow.");
    await thread.getByRole("button", { name: "Send", exact: true }).click();
    await expect(buyer.page.getByTestId("message").filter({ hasText: "Red is in stock" })).toBeVisible();
  });

  await test.step("the buyer sends a picture; the seller sees it, checked against its CID", async () => {
    const thread = buyer.page.getByTestId("thread");
    await thread.locator('input[type="file"]').setInputFiles(EVIDENCE_PICTURE);
    await expect(thread.getByRole("img", { name: "Picture to send" })).toBeVisible();
    await thread.getByLabel("Message").fill("Like this one?");
    await thread.getByRole("button", { name: "Send", exact: true }).click();
    const received = seller.page.getByTestId("message").filter({ hasText: "Like this one?" });
    await expect(received.getByRole("img", { name: "Picture sent with the message" })).toBeVisible();
  });

  await test.step("latency, publish to shown: ten messages from the buyer to the seller's open thread", async () => {
    const thread = buyer.page.getByTestId("thread");
    const latencies: number[] = [];
    for (let i = 1; i <= 10; i++) {
      const text = `Latency probe ${i} ${Date.now()}`;
      await watchFor(seller.page, text);
      await thread.getByLabel("Message").fill(text);
      const sent = Date.now();
      await thread.getByRole("button", { name: "Send", exact: true }).click();
      latencies.push((await shownAt(seller.page, text)) - sent);
    }
    console.log(`message latency (click Send → shown to the other side), ms: ${latencies.join(", ")}; median ${median(latencies)}, max ${Math.max(...latencies)}`);
    test.info().annotations.push({ type: "latency-ms", description: `median ${median(latencies)}, max ${Math.max(...latencies)}: ${latencies.join(", ")}` });
    expect(median(latencies)).toBeLessThan(1_000);
  });
});

test("checkout with a delivery address: the seller sees it, a third account and the relay cannot read it", async ({ market, stack, person }) => {
  const sellerAccount = await market.freshAccount();
  const buyerAccount = await market.freshAccount();
  const outsiderAccount = await market.freshAccount();
  await publishProfile(stack, sellerAccount, { displayName: "Porto Bikes" });
  const listingId = await createListing(market, sellerAccount, { title: "Bicycle bell, brass", token: "ETH", price: 10n ** 16n, arbiter: outsiderAccount.address, arbiterFeeBps: 0n });
  const buyer = await person(buyerAccount, "buyer");

  let orderId = 0n;
  await test.step("the buyer gives an address in the buy panel, then pays", async () => {
    await openConnected(buyer, `/listing/${listingId}`);
    const checkout = buyer.page.getByTestId("checkout-address");
    await expect(checkout.getByText("This item ships")).toBeVisible();
    await turnOnMessages(buyer.page);
    const form = checkout.getByTestId("address-form");
    await form.getByLabel("Full name").fill(ADDRESS.name);
    await form.getByLabel("Address", { exact: true }).fill(ADDRESS.line1);
    await form.getByLabel("Postal code").fill(ADDRESS.postalCode);
    await form.getByLabel("City").fill(ADDRESS.city);
    await form.getByLabel("Country").fill(ADDRESS.country);
    await form.getByRole("button", { name: "Use this address" }).click();
    await expect(checkout.getByTestId("shipping-address")).toContainText("12 Harbour Street");
    await buyer.page.getByRole("button", { name: /^Pay / }).click();
    await expect(checkout.getByText("Your address was sent to the seller, encrypted")).toBeVisible({ timeout: 30_000 });
    orderId = await market.lastOrderOf(buyerAccount.address);
  });

  await test.step("the address is kept encrypted in the browser for next time", async () => {
    const stored = await buyer.page.evaluate((key) => localStorage.getItem(key), `souk.address.${buyerAccount.address.toLowerCase()}`);
    expect(stored).not.toBeNull();
    expect(stored).not.toContain("Harbour");
  });

  await test.step("the seller sees it on the order page", async () => {
    const seller = await person(sellerAccount, "seller");
    await openConnected(seller, `/orders/${orderId}`);
    await turnOnMessages(seller.page);
    const delivery = seller.page.getByTestId("delivery-address");
    await expect(delivery.getByRole("heading", { name: "Deliver to" })).toBeVisible();
    await expect(delivery.getByTestId("shipping-address")).toContainText("Ada Lovelace");
    await expect(delivery.getByTestId("shipping-address")).toContainText("4000-123 Porto");
  });

  await test.step("a third account's key opens none of it; the relay's database holds no plaintext", async () => {
    const outsider = await messagesReadableBy(stack, await messagingKeyOf(outsiderAccount));
    expect(outsider).toEqual([]);
    const sellerView = await messagesReadableBy(stack, await messagingKeyOf(sellerAccount));
    expect(sellerView.find((m) => m.body.type === "shipping-address")?.body).toMatchObject({ address: ADDRESS });
    const rows = relayRows(stack);
    const everything = JSON.stringify(rows);
    for (const secret of ["Harbour", "Ada Lovelace", "4000-123", `order:${stack.chainId}:${orderId}`]) expect(everything).not.toContain(secret);
    // Nor who wrote to whom: no stored wrap is signed by, or names, both the buyer's and the seller's keys.
    const buyerKey = getPublicKey(await messagingKeyOf(buyerAccount));
    const sellerKey = getPublicKey(await messagingKeyOf(sellerAccount));
    const wraps = rows.filter((row) => row.kind === 1059);
    expect(wraps.length).toBeGreaterThan(0);
    for (const row of wraps) {
      expect(row.pubkey === buyerKey || row.pubkey === sellerKey).toBe(false);
      expect(row.json.includes(buyerKey) && row.json.includes(sellerKey)).toBe(false);
    }
  });

  await test.step("the buyer corrects the address before the order ships; the seller sees the new one", async () => {
    await buyer.page.goto(`/orders/${orderId}`);
    const delivery = buyer.page.getByTestId("delivery-address");
    await delivery.getByRole("button", { name: "Correct the address" }).click();
    await delivery.getByLabel("Address", { exact: true }).fill("14 Harbour Street");
    await delivery.getByRole("button", { name: "Send to the seller" }).click();
    await expect(delivery.getByTestId("shipping-address")).toContainText("14 Harbour Street");
    await fulfill(market, sellerAccount, orderId, "Sent by post");
    await buyer.page.reload();
    await expect(buyer.page.getByTestId("delivery-address").getByTestId("shipping-address")).toContainText("14 Harbour Street");
    await expect(buyer.page.getByRole("button", { name: "Correct the address" })).toHaveCount(0);
  });
});

test("a message to a seller who is offline waits for them and is read on their next visit", async ({ market, stack, person }) => {
  const sellerAccount = await market.freshAccount();
  const buyerAccount = await market.freshAccount();
  await publishProfile(stack, sellerAccount, { displayName: "Away Seller" });
  const listingId = await createListing(market, sellerAccount, { title: "Wool blanket, undyed", token: "ETH", price: 10n ** 16n, arbiter: buyerAccount.address, arbiterFeeBps: 0n });

  const buyer = await person(buyerAccount, "buyer");
  await openConnected(buyer, `/listing/${listingId}`);
  await turnOnMessages(buyer.page);
  const ask = buyer.page.getByTestId("thread");
  await ask.getByLabel("Message").fill("Is the blanket machine washable?");
  await ask.getByRole("button", { name: "Send", exact: true }).click();
  await expect(ask.getByTestId("message").filter({ hasText: "machine washable" })).toBeVisible();
  await buyer.page.context().close();

  const seller = await person(sellerAccount, "seller");
  await openConnected(seller, "/messages");
  // Messaging derives the same key from the same wallet: one signature, and the message is there.
  await turnOnMessages(seller.page);
  await expect(seller.page.getByTestId("messages-unread")).toHaveText("1");
  await seller.page.getByTestId("conversation").filter({ hasText: `Listing #${listingId}` }).click();
  await expect(seller.page.getByTestId("message").filter({ hasText: "machine washable" })).toBeVisible();
});

test("a dispute: the parties' clients share the thread with the arbiter, and its transcript digest goes on chain", async ({ market, stack, person }) => {
  const sellerAccount = await market.freshAccount();
  const buyerAccount = await market.freshAccount();
  const arbiterAccount = await market.freshAccount();
  await publishProfile(stack, arbiterAccount, { displayName: "Fair Arbiter" });
  const listingId = await createListing(market, sellerAccount, { title: "Ceramic vase, tall", token: "ETH", price: 10n ** 16n, arbiter: arbiterAccount.address, arbiterFeeBps: 100n });
  const orderId = await buy(market, buyerAccount, listingId, 1n);
  const buyer = await person(buyerAccount, "buyer");
  const seller = await person(sellerAccount, "seller");

  await test.step("buyer and seller talk on the order page", async () => {
    await openConnected(seller, `/orders/${orderId}`);
    await turnOnMessages(seller.page);
    await openConnected(buyer, `/orders/${orderId}`);
    await turnOnMessages(buyer.page);
    const thread = buyer.page.getByTestId("thread");
    await thread.getByLabel("Message").fill("The vase arrived cracked at the neck.");
    await thread.getByRole("button", { name: "Send", exact: true }).click();
    await expect(seller.page.getByTestId("message").filter({ hasText: "cracked at the neck" })).toBeVisible();
    const sellerThread = seller.page.getByTestId("thread");
    await sellerThread.getByLabel("Message").fill("It left here intact, packed in foam.");
    await sellerThread.getByRole("button", { name: "Send", exact: true }).click();
    await expect(buyer.page.getByTestId("message").filter({ hasText: "packed in foam" })).toBeVisible();
  });

  await test.step("a dispute opens; the buyer cites the conversation on chain", async () => {
    await fulfill(market, sellerAccount, orderId, "Shipped");
    await openDispute(market, buyerAccount, orderId, "Arrived cracked.");
    const transcript = buyer.page.getByTestId("transcript");
    await expect(transcript.getByText("This conversation (2 messages)")).toBeVisible({ timeout: 20_000 });
    await transcript.getByRole("button", { name: "Cite this conversation as evidence" }).click();
    await expect(transcript.getByTestId("transcript-match")).toContainText("matches the first 2 messages", { timeout: 20_000 });
  });

  await test.step("the digest on chain is the SHA-256 of the exact transcript", async () => {
    const cited = (await evidenceOf(market, orderId)).filter((e) => e.author === buyerAccount.address);
    const thread = (await messagesReadableBy(stack, await messagingKeyOf(buyerAccount))).filter(
      (m) => m.conversation.type === "order" && m.conversation.orderId === orderId && m.body.type === "text",
    );
    expect(thread).toHaveLength(2);
    expect(cited.map((e) => e.digest)).toContain(transcriptDigest(thread));
  });

  await test.step("the arbiter reads the whole thread, shared by the parties' clients", async () => {
    const arbiter = await person(arbiterAccount, "arbiter");
    await openConnected(arbiter, `/orders/${orderId}`);
    await turnOnMessages(arbiter.page);
    const thread = arbiter.page.getByTestId("thread");
    await expect(thread.getByTestId("message").filter({ hasText: "cracked at the neck" })).toBeVisible({ timeout: 20_000 });
    await expect(thread.getByTestId("message").filter({ hasText: "packed in foam" })).toBeVisible();
    await expect(arbiter.page.getByTestId("transcript-match")).toContainText("matches the first 2 messages");
    // The arbiter writes to both parties; both read it.
    await thread.getByLabel("Message").fill("Please both send photos of the packaging.");
    await thread.getByRole("button", { name: "Send", exact: true }).click();
    await expect(buyer.page.getByTestId("message").filter({ hasText: "photos of the packaging" })).toBeVisible({ timeout: 20_000 });
    await expect(seller.page.getByTestId("message").filter({ hasText: "photos of the packaging" })).toBeVisible({ timeout: 20_000 });
  });
});

test("the bell tells each side about every order event that concerns them, and browser notifications after a click", async ({ market, stack, person }) => {
  const sellerAccount = await market.freshAccount();
  const buyerAccount = await market.freshAccount();
  const arbiterAccount = await market.freshAccount();
  const shippedListing = await createListing(market, sellerAccount, { title: "Linen apron", token: "ETH", price: 10n ** 16n, arbiter: arbiterAccount.address, arbiterFeeBps: 100n });
  const dueListing = await createListing(market, sellerAccount, { title: "Spoon set", token: "ETH", price: 10n ** 16n, arbiter: arbiterAccount.address, arbiterFeeBps: 100n, fulfillmentDays: 1 });
  const seller = await person(sellerAccount, "seller");
  const buyer = await person(buyerAccount, "buyer");
  await seller.page.context().grantPermissions(["notifications"]);
  await seller.page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __notifications: string[] }).__notifications = shown;
    class Recorder {
      static permission = "granted";
      static requestPermission = async () => "granted";
      constructor(title: string) {
        shown.push(title);
      }
    }
    (window as unknown as { Notification: unknown }).Notification = Recorder;
  });
  await openConnected(seller, "/orders");
  await openConnected(buyer, "/orders");
  // The bell takes what happened before the first visit as seen: wait until it has looked, then act.
  for (const [page, account] of [[seller.page, sellerAccount], [buyer.page, buyerAccount]] as const) {
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `souk.seen.${account.address.toLowerCase()}`), { timeout: 20_000 }).not.toBeNull();
  }

  const bell = (page: typeof seller.page) => page.getByTestId("notification-bell");
  const expectNotified = async (page: typeof seller.page, title: string | RegExp) => {
    await expect(bell(page).getByTestId("notification-count")).toBeVisible({ timeout: 20_000 });
    await bell(page).click();
    await expect(page.getByTestId("notification-list").getByText(title).first()).toBeVisible();
    await bell(page).click();
  };

  await test.step("turn on browser notifications (asked only on this click)", async () => {
    await bell(seller.page).click();
    await seller.page.getByRole("button", { name: "Turn on browser notifications" }).click();
    await expect(seller.page.getByRole("button", { name: "Turn off browser notifications" })).toBeVisible();
    await bell(seller.page).click();
  });

  const orderId = await buy(market, buyerAccount, shippedListing, 1n);
  await test.step("new order → seller", () => expectNotified(seller.page, `New order ${orderLabel(orderId)}`));
  await expect.poll(() => seller.page.evaluate(() => (window as unknown as { __notifications: string[] }).__notifications)).toContain(`New order ${orderLabel(orderId)}`);

  await fulfill(market, sellerAccount, orderId, "Posted");
  await test.step("shipped → buyer", () => expectNotified(buyer.page, `Order ${orderLabel(orderId)} was shipped`));

  await openDispute(market, buyerAccount, orderId, "Wrong colour.");
  await test.step("disputed → seller", () => expectNotified(seller.page, `A dispute was opened on order ${orderLabel(orderId)}`));

  const evidence = await uploadDocument(stack, evidenceSchema, { schema: "souk.evidence/1", text: "Photo attached.", attachments: [] });
  await market.write(buyerAccount, stack.escrow, escrowAbi, "submitEvidence", [orderId, evidence]);
  await test.step("evidence → seller", () => expectNotified(seller.page, `New evidence on order ${orderLabel(orderId)}`));

  await market.write(sellerAccount, stack.escrow, escrowAbi, "proposeSettlement", [orderId, 5_000n]);
  await test.step("proposal → buyer", () => expectNotified(buyer.page, `A settlement was proposed on order ${orderLabel(orderId)}`));

  await market.increaseTime(4 * 86_400);
  await market.write(arbiterAccount, stack.escrow, escrowAbi, "rule", [orderId, 6_000n]);
  await test.step("ruling → buyer and seller", async () => {
    await expectNotified(buyer.page, `The arbiter ruled on order ${orderLabel(orderId)}`);
    await expectNotified(seller.page, `The arbiter ruled on order ${orderLabel(orderId)}`);
  });

  const second = await buy(market, buyerAccount, shippedListing, 1n);
  await fulfill(market, sellerAccount, second, "Posted");
  await market.write(buyerAccount, stack.escrow, escrowAbi, "confirm", [second]);
  await test.step("confirmed → seller", () => expectNotified(seller.page, `Order ${orderLabel(second)} is complete: payment released`));

  const due = await buy(market, buyerAccount, dueListing, 1n);
  await test.step("a deadline within 24 hours → seller", () => expectNotified(seller.page, new RegExp(`Ship order ${orderLabel(due)} or decline it within \\d+ hours?`)));

  await test.step("the buyer is not told about their own actions", async () => {
    await bell(buyer.page).click();
    const list = buyer.page.getByTestId("notification-list");
    await expect(list.getByText(`New order ${orderLabel(orderId)}`)).toHaveCount(0);
    await expect(list.getByText(`A dispute was opened on order ${orderLabel(orderId)}`)).toHaveCount(0);
  });
});

test("a profile name and picture show wherever the address was; an impostor's claim shows as unverified", async ({ market, stack, person }) => {
  const sellerAccount = await market.freshAccount();
  const buyerAccount = await market.freshAccount();
  const impostorAccount = await market.freshAccount();
  const listingId = await createListing(market, sellerAccount, { title: "Oak chopping board", token: "ETH", price: 10n ** 16n, arbiter: impostorAccount.address, arbiterFeeBps: 0n });
  const orderId = await buy(market, buyerAccount, listingId, 1n);
  const seller = await person(sellerAccount, "seller");

  await test.step("the seller names their profile (free: no transaction)", async () => {
    await openConnected(seller, `/profile/${sellerAccount.address}`);
    const editor = seller.page.getByTestId("profile-editor");
    await turnOnMessages(seller.page);
    const before = await market.client.getTransactionCount({ address: sellerAccount.address });
    await editor.getByLabel("Display name").fill("Oakwood Workshop");
    await editor.getByLabel("Shop name (optional)").fill("Oakwood");
    await editor.getByLabel("Bio (optional)").fill("Boards and spoons from fallen oak.");
    await editor.locator('input[type="file"]').setInputFiles(EVIDENCE_PICTURE);
    await expect(editor.getByRole("img", { name: "Your profile picture" })).toBeVisible();
    await editor.getByRole("button", { name: "Save profile" }).click();
    await expect(editor.getByText("Profile saved.")).toBeVisible();
    await expect(seller.page.getByTestId("profile-display-name")).toHaveText("Oakwood Workshop");
    expect(await market.client.getTransactionCount({ address: sellerAccount.address })).toBe(before);
  });

  const buyer = await person(buyerAccount, "buyer");
  const short = `${sellerAccount.address.slice(0, 6)}…${sellerAccount.address.slice(-4)}`;
  const nameNextToAddress = async (where: string) => {
    const address = buyer.page.getByTestId("address").filter({ hasText: "Oakwood Workshop" }).first();
    await expect(address, where).toBeVisible();
    await expect(address, where).toContainText(short);
    // The picture, shown from bytes checked against its CID.
    await expect(address.locator("img"), where).toBeVisible();
  };
  await test.step("listing page", async () => {
    await openConnected(buyer, `/listing/${listingId}`);
    await nameNextToAddress("listing page");
  });
  await test.step("order page and order list", async () => {
    await buyer.page.goto(`/orders/${orderId}`);
    await nameNextToAddress("order page");
    await buyer.page.goto("/orders");
    await nameNextToAddress("orders list");
  });
  await test.step("profile page", async () => {
    await buyer.page.goto(`/profile/${sellerAccount.address}`);
    await expect(buyer.page.getByTestId("profile-display-name")).toHaveText("Oakwood Workshop");
    await expect(buyer.page.getByText("Boards and spoons from fallen oak.")).toBeVisible();
  });

  await test.step("a profile that claims the seller's address without the seller's signature is flagged", async () => {
    await publishProfile(stack, impostorAccount, { displayName: "Official Support" }, buyerAccount);
    await buyer.page.goto(`/orders/${orderId}`);
    const claimed = buyer.page.getByTestId("address").filter({ hasText: "Official Support" }).first();
    await expect(claimed).toContainText("unverified");
  });
});
