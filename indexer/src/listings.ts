/** ListingRegistry events: listings, their versions and everything that happened to them. */
import { ponder } from "ponder:registry";
import { listing, listingEvent, listingVersion } from "ponder:schema";

import { countForAccount, countForToken, documentDigest, lower, referenceDocument } from "./shared.ts";

ponder.on("ListingRegistry:ListingCreated", async ({ event, context }) => {
  const { args } = event;
  const digest = documentDigest(args.metadataDigest)!;
  const at = event.block.timestamp;
  await context.db.insert(listing).values({
    id: args.listingId,
    seller: lower(args.seller),
    token: lower(args.token),
    price: args.price,
    stock: args.stock,
    version: args.version,
    closed: false,
    arbiter: lower(args.arbiter),
    arbiterFeeBps: Number(args.arbiterFeeBps),
    fulfillmentWindow: Number(args.fulfillmentWindow),
    confirmationWindow: Number(args.confirmationWindow),
    metadataDigest: digest,
    createdAt: at,
    createdBlock: event.block.number,
    updatedAt: at,
    orderCount: 0,
    unitsSold: 0n,
  });
  await context.db.insert(listingVersion).values({
    listingId: args.listingId,
    version: args.version,
    price: args.price,
    stock: args.stock,
    metadataDigest: digest,
    timestamp: at,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  await context.db.insert(listingEvent).values({
    id: event.id,
    listingId: args.listingId,
    kind: "Created",
    version: args.version,
    price: args.price,
    stock: args.stock,
    stockDelta: args.stock,
    metadataDigest: digest,
    timestamp: at,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  await referenceDocument(context.db, digest, "listing", event.block.number);
  await countForAccount(context.db, args.seller, at, { listings: 1 });
  await countForToken(context.db, args.token, { listings: 1 });
});

ponder.on("ListingRegistry:ListingUpdated", async ({ event, context }) => {
  const { args } = event;
  const newDigest = documentDigest(args.metadataDigest);
  const at = event.block.timestamp;
  const updated = await context.db.update(listing, { id: args.listingId }).set((row) => ({
    price: args.price,
    stock: args.stock,
    version: args.version,
    metadataDigest: newDigest ?? row.metadataDigest,
    updatedAt: at,
  }));
  // A new version (price or metadata changed) is recorded with the metadata in force at that version; a stock-only
  // change keeps the version and only updates its stock.
  await context.db
    .insert(listingVersion)
    .values({
      listingId: args.listingId,
      version: args.version,
      price: args.price,
      stock: args.stock,
      metadataDigest: updated.metadataDigest,
      timestamp: at,
      blockNumber: event.block.number,
      transactionHash: event.transaction.hash,
    })
    .onConflictDoUpdate({ stock: args.stock });
  await context.db.insert(listingEvent).values({
    id: event.id,
    listingId: args.listingId,
    kind: "Updated",
    version: args.version,
    price: args.price,
    stock: args.stock,
    stockDelta: args.stockDelta,
    metadataDigest: newDigest,
    timestamp: at,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
  await referenceDocument(context.db, newDigest, "listing", event.block.number);
});

for (const [name, kind, closed] of [
  ["ListingRegistry:ListingClosed", "Closed", true],
  ["ListingRegistry:ListingReopened", "Reopened", false],
] as const) {
  ponder.on(name, async ({ event, context }) => {
    const at = event.block.timestamp;
    const row = await context.db.update(listing, { id: event.args.listingId }).set({ closed, updatedAt: at });
    await context.db.insert(listingEvent).values({
      id: event.id,
      listingId: event.args.listingId,
      kind,
      version: row.version,
      timestamp: at,
      blockNumber: event.block.number,
      transactionHash: event.transaction.hash,
    });
  });
}

ponder.on("ListingRegistry:StockReturned", async ({ event, context }) => {
  const { args } = event;
  const at = event.block.timestamp;
  const row = await context.db.update(listing, { id: args.listingId }).set((current) => ({
    stock: args.stock,
    unitsSold: current.unitsSold - args.quantity,
    updatedAt: at,
  }));
  await context.db.insert(listingEvent).values({
    id: event.id,
    listingId: args.listingId,
    kind: "StockReturned",
    version: row.version,
    stock: args.stock,
    stockDelta: args.quantity,
    timestamp: at,
    blockNumber: event.block.number,
    transactionHash: event.transaction.hash,
  });
});
