/**
 * What the indexer derives from the chain. Ponder owns these tables: it writes them from the event handlers in
 * src/handlers/ and rolls them back on reorgs. Amounts are uint256 in the token's base units; times are block
 * timestamps (seconds). Every order keeps the time of each of its transitions, so that analytics (volumes over time,
 * time to fulfil, outcomes) are plain queries.
 *
 * IPFS documents are not here: they are fetched by CID outside the indexing functions and cached in their own
 * schema (src/documents/), keyed by digest, so that reindexing or a reorg never fetches a document twice.
 */
import { index, onchainTable, primaryKey } from "ponder";

export const listing = onchainTable(
  "listing",
  (t) => ({
    id: t.bigint().primaryKey(),
    seller: t.hex().notNull(),
    token: t.hex().notNull(),
    price: t.bigint().notNull(),
    stock: t.bigint().notNull(),
    version: t.bigint().notNull(),
    closed: t.boolean().notNull(),
    arbiter: t.hex().notNull(),
    arbiterFeeBps: t.integer().notNull(),
    fulfillmentWindow: t.integer().notNull(),
    confirmationWindow: t.integer().notNull(),
    /** The current metadata document (the digest of the latest version that changed it). */
    metadataDigest: t.hex().notNull(),
    createdAt: t.bigint().notNull(),
    createdBlock: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    orderCount: t.integer().notNull(),
    unitsSold: t.bigint().notNull(),
  }),
  (table) => ({
    sellerIdx: index().on(table.seller),
    digestIdx: index().on(table.metadataDigest),
    createdIdx: index().on(table.createdAt),
  }),
);

/** Every version of a listing: the price and metadata a buyer of that version saw. */
export const listingVersion = onchainTable(
  "listing_version",
  (t) => ({
    listingId: t.bigint().notNull(),
    version: t.bigint().notNull(),
    price: t.bigint().notNull(),
    stock: t.bigint().notNull(),
    metadataDigest: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.listingId, table.version] }) }),
);

/** Everything that happened to a listing (creation, updates including stock-only ones, closing, returned stock). */
export const listingEvent = onchainTable(
  "listing_event",
  (t) => ({
    id: t.text().primaryKey(),
    listingId: t.bigint().notNull(),
    kind: t.text().notNull(),
    version: t.bigint().notNull(),
    price: t.bigint(),
    stock: t.bigint(),
    stockDelta: t.bigint(),
    metadataDigest: t.hex(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ listingIdx: index().on(table.listingId) }),
);

export const order = onchainTable(
  "orders",
  (t) => ({
    id: t.bigint().primaryKey(),
    listingId: t.bigint().notNull(),
    listingVersion: t.bigint().notNull(),
    buyer: t.hex().notNull(),
    seller: t.hex().notNull(),
    arbiter: t.hex().notNull(),
    token: t.hex().notNull(),
    quantity: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    protocolFeeBps: t.integer().notNull(),
    arbiterFeeBps: t.integer().notNull(),
    state: t.text().notNull(),
    placedAt: t.bigint().notNull(),
    fulfillmentDeadline: t.bigint().notNull(),
    fulfilledAt: t.bigint(),
    confirmationDeadline: t.bigint(),
    noteDigest: t.hex(),
    disputedAt: t.bigint(),
    responseDeadline: t.bigint(),
    /** The seller submitted evidence while the order was disputed (the arbiter may then rule before the response deadline). */
    respondentHeard: t.boolean().notNull(),
    rulingDeadline: t.bigint(),
    /** The latest settlement proposal still open (cleared when the order ends). */
    proposer: t.hex(),
    proposedBuyerShareBps: t.integer(),
    endedAt: t.bigint(),
    byTimeout: t.boolean(),
    buyerShareBps: t.integer(),
    payoutBuyer: t.bigint(),
    payoutSeller: t.bigint(),
    payoutArbiter: t.bigint(),
    payoutProtocol: t.bigint(),
    evidenceCount: t.integer().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    buyerIdx: index().on(table.buyer),
    sellerIdx: index().on(table.seller),
    arbiterIdx: index().on(table.arbiter),
    listingIdx: index().on(table.listingId),
    stateIdx: index().on(table.state),
  }),
);

/** An order's timeline: one row per event, with who acted and what it carried. */
export const orderEvent = onchainTable(
  "order_event",
  (t) => ({
    id: t.text().primaryKey(),
    orderId: t.bigint().notNull(),
    kind: t.text().notNull(),
    actor: t.hex(),
    digest: t.hex(),
    buyerShareBps: t.integer(),
    amount: t.bigint(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ orderIdx: index().on(table.orderId) }),
);

export const rating = onchainTable(
  "rating",
  (t) => ({
    orderId: t.bigint().notNull(),
    rater: t.hex().notNull(),
    ratee: t.hex().notNull(),
    role: t.text().notNull(),
    score: t.integer().notNull(),
    reviewDigest: t.hex(),
    token: t.hex().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    replyDigest: t.hex(),
    repliedAt: t.bigint(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.orderId, table.rater] }),
    rateeIdx: index().on(table.ratee),
    raterIdx: index().on(table.rater),
  }),
);

/** Per-account reputation and activity, by role. */
export const account = onchainTable("account", (t) => ({
  address: t.hex().primaryKey(),
  ratingsAsSeller: t.integer().notNull(),
  scoreSumAsSeller: t.integer().notNull(),
  completedAsSeller: t.integer().notNull(),
  ratingsAsBuyer: t.integer().notNull(),
  scoreSumAsBuyer: t.integer().notNull(),
  completedAsBuyer: t.integer().notNull(),
  listings: t.integer().notNull(),
  ordersAsSeller: t.integer().notNull(),
  ordersAsBuyer: t.integer().notNull(),
  disputesAsArbiter: t.integer().notNull(),
  rulingsAsArbiter: t.integer().notNull(),
  firstSeenAt: t.bigint().notNull(),
}));

/** Market aggregates per payment token (volume counts orders that ended with money to the seller). */
export const tokenStats = onchainTable("token_stats", (t) => ({
  token: t.hex().primaryKey(),
  listings: t.integer().notNull(),
  orders: t.integer().notNull(),
  ordersEnded: t.integer().notNull(),
  volume: t.bigint().notNull(),
  paidToSellers: t.bigint().notNull(),
  refundedToBuyers: t.bigint().notNull(),
  protocolFees: t.bigint().notNull(),
  arbiterFees: t.bigint().notNull(),
}));

/** Orders in each state, kept as each order moves. */
export const stateCount = onchainTable("state_count", (t) => ({
  state: t.text().primaryKey(),
  orders: t.integer().notNull(),
}));

/**
 * Every IPFS document the chain points at, for the document fetcher: the digest, what kind of document it must be,
 * and the block that first referenced it.
 */
export const documentRef = onchainTable(
  "document_ref",
  (t) => ({
    digest: t.hex().notNull(),
    kind: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.digest, table.kind] }), blockIdx: index().on(table.blockNumber) }),
);

/** The escrow's governance settings as they stand (one row, id "escrow"). */
export const protocol = onchainTable("protocol", (t) => ({
  id: t.text().primaryKey(),
  owner: t.hex(),
  protocolFeeBps: t.integer(),
  feeRecipient: t.hex(),
  pauseGuardian: t.hex(),
  paused: t.boolean().notNull(),
  pausedUntil: t.bigint(),
  updatedAt: t.bigint().notNull(),
}));

/** Money leaving the escrow and governance actions, in order. */
export const protocolEvent = onchainTable(
  "protocol_event",
  (t) => ({
    id: t.text().primaryKey(),
    kind: t.text().notNull(),
    account: t.hex(),
    token: t.hex(),
    to: t.hex(),
    amount: t.bigint(),
    value: t.bigint(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);
