/**
 * Bookkeeping shared by the event handlers: accounts, per-token aggregates, state counts, order timelines and the
 * list of documents the fetcher must get. Every function takes Ponder's indexing context, so that reorgs roll
 * everything back together.
 */
import type { Context } from "ponder:registry";
import { account, documentRef, orderEvent, stateCount, tokenStats } from "ponder:schema";

type Db = Context["db"];
type Hex = `0x${string}`;

const ZERO_DIGEST = `0x${"0".repeat(64)}`;

/** A digest that points at a document, or null for the zero digest ("no document"). */
export function documentDigest(digest: Hex): Hex | null {
  return digest.toLowerCase() === ZERO_DIGEST ? null : (digest.toLowerCase() as Hex);
}

export type DocumentKind = "listing" | "note" | "evidence" | "review" | "reply";

/** Tells the document fetcher about a document the chain now points at. */
export async function referenceDocument(db: Db, digest: Hex | null, kind: DocumentKind, blockNumber: bigint) {
  if (digest === null) return;
  await db.insert(documentRef).values({ digest, kind, blockNumber }).onConflictDoNothing();
}

type AccountCounters = Omit<typeof account.$inferInsert, "address" | "firstSeenAt">;

const NO_ACTIVITY: Required<AccountCounters> = {
  ratingsAsSeller: 0,
  scoreSumAsSeller: 0,
  completedAsSeller: 0,
  ratingsAsBuyer: 0,
  scoreSumAsBuyer: 0,
  completedAsBuyer: 0,
  listings: 0,
  ordersAsSeller: 0,
  ordersAsBuyer: 0,
  disputesAsArbiter: 0,
  rulingsAsArbiter: 0,
};

/** Adds to an account's counters (creating the account on first sight). */
export async function countForAccount(db: Db, address: Hex, timestamp: bigint, add: Partial<AccountCounters>) {
  const initial = { ...NO_ACTIVITY };
  for (const [key, value] of Object.entries(add) as Array<[keyof AccountCounters, number]>) initial[key] = value;
  await db
    .insert(account)
    .values({ address: address.toLowerCase() as Hex, firstSeenAt: timestamp, ...initial })
    .onConflictDoUpdate((row) => {
      const next: Partial<AccountCounters> = {};
      for (const [key, value] of Object.entries(add) as Array<[keyof AccountCounters, number]>) next[key] = row[key] + value;
      return next;
    });
}

type TokenCounters = Omit<typeof tokenStats.$inferInsert, "token">;

const NO_VOLUME: Required<TokenCounters> = {
  listings: 0,
  orders: 0,
  ordersEnded: 0,
  volume: 0n,
  paidToSellers: 0n,
  refundedToBuyers: 0n,
  protocolFees: 0n,
  arbiterFees: 0n,
};

/** Adds to a payment token's market aggregates. */
export async function countForToken(db: Db, token: Hex, add: Partial<TokenCounters>) {
  const initial: Record<string, number | bigint> = { ...NO_VOLUME };
  for (const [key, value] of Object.entries(add)) initial[key] = value as number | bigint;
  await db
    .insert(tokenStats)
    .values({ token: token.toLowerCase() as Hex, ...(initial as Required<TokenCounters>) })
    .onConflictDoUpdate((row) => {
      const next: Record<string, number | bigint> = {};
      for (const [key, value] of Object.entries(add)) {
        next[key] = (row[key as keyof TokenCounters] as bigint) + (value as bigint);
      }
      return next as Partial<TokenCounters>;
    });
}

/** Moves one order between states in the per-state counts (`from` null for a new order). */
export async function moveStateCount(db: Db, from: string | null, to: string) {
  if (from !== null) {
    await db.update(stateCount, { state: from }).set((row) => ({ orders: row.orders - 1 }));
  }
  await db
    .insert(stateCount)
    .values({ state: to, orders: 1 })
    .onConflictDoUpdate((row) => ({ orders: row.orders + 1 }));
}

interface LoggedEvent {
  id: string;
  block: { number: bigint; timestamp: bigint };
  log: { logIndex: number };
  transaction: { hash: Hex; from: Hex };
}

/** Appends an event to an order's timeline; the actor is the account that sent the transaction. */
export async function recordOrderEvent(
  db: Db,
  event: LoggedEvent,
  orderId: bigint,
  kind: string,
  extra: { digest?: Hex | null; buyerShareBps?: number; amount?: bigint; actor?: Hex } = {},
) {
  await db.insert(orderEvent).values({
    id: event.id,
    orderId,
    kind,
    actor: (extra.actor ?? event.transaction.from).toLowerCase() as Hex,
    digest: extra.digest ?? null,
    buyerShareBps: extra.buyerShareBps ?? null,
    amount: extra.amount ?? null,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    transactionHash: event.transaction.hash,
  });
}

export function lower(address: Hex): Hex {
  return address.toLowerCase() as Hex;
}
