/**
 * The funding checker: for every order whose buyer rated the seller, did the buyer receive money from the seller at
 * or before the purchase's block? Three ways are looked at, each through the chain: ETH the seller sent the buyer
 * in its own transactions (seller-transfers.ts), a `Transfer` of the order's token from the seller to the buyer
 * (`eth_getLogs` on the token, filtered by both indexed addresses), and an escrow withdrawal of the seller's credit
 * to the buyer (`Withdrawn`, already indexed). The earliest such transfer is kept as evidence. Runs beside the
 * indexer, like the document fetcher; one per database.
 */
import type pg from "pg";
import { createPublicClient, http, parseAbiItem, type PublicClient } from "viem";

import { startBackgroundLoop, type BackgroundLoop } from "../background-loop.ts";
import { quoteIdent } from "../sql.ts";
import { blockTransfersReader, scanSentEth, type ValueTransfer } from "./seller-transfers.ts";
import { insightsSchema } from "./store-schema.ts";

const ETH = "0x0000000000000000000000000000000000000000";
const TRANSFER = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)");
const BATCH = 50;
const FULL_LOOK_EVERY_MS = 15_000;
/** Evidence kinds in the order they win a tie within one block. */
const KINDS = ["eth", "token", "withdrawal"] as const;

export interface FundingWorkerOptions {
  pool: pg.Pool;
  schema: string;
  rpcUrl: string;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/** `drained()` resolves once every rated order known now has been checked (for tests and benchmarks). */
export type FundingWorker = BackgroundLoop;

interface PendingOrder {
  order_id: string;
  buyer: string;
  seller: string;
  token: string;
  block: string;
  placed_tx: string;
}

export interface FundingEvidence {
  kind: (typeof KINDS)[number];
  transactionHash: string;
  blockNumber: bigint;
}

/** The earliest transfer from `seller` to `buyer` at or before `block`, or null. */
export async function findFunding(
  pool: pg.Pool,
  schema: string,
  client: PublicClient,
  transfersOf: (block: bigint) => Promise<ValueTransfer[]>,
  order: { buyer: string; seller: string; token: string; block: bigint },
): Promise<FundingEvidence | null> {
  const ponder = quoteIdent(schema);
  const found: FundingEvidence[] = [];
  await scanSentEth(pool, schema, client, transfersOf, order.seller, order.block);
  const eth = await pool.query<{ tx_hash: string; block: string }>(
    `SELECT tx_hash, block::text FROM ${insightsSchema(schema)}.eth_sent
     WHERE sender = $1 AND recipient = $2 AND block <= $3 ORDER BY block LIMIT 1`,
    [order.seller, order.buyer, order.block.toString()],
  );
  if (eth.rows[0] !== undefined) found.push({ kind: "eth", transactionHash: eth.rows[0].tx_hash, blockNumber: BigInt(eth.rows[0].block) });
  if (order.token !== ETH) {
    const logs = await client.getLogs({
      address: order.token as `0x${string}`,
      event: TRANSFER,
      args: { from: order.seller as `0x${string}`, to: order.buyer as `0x${string}` },
      fromBlock: 0n,
      toBlock: order.block,
    });
    const first = logs[0];
    if (first !== undefined) found.push({ kind: "token", transactionHash: first.transactionHash, blockNumber: first.blockNumber });
  }
  const withdrawal = await pool.query<{ transaction_hash: string; block_number: string }>(
    `SELECT transaction_hash, block_number::text FROM ${ponder}.protocol_event
     WHERE kind = 'Withdrawn' AND account = $1 AND "to" = $2 AND block_number <= $3 ORDER BY block_number LIMIT 1`,
    [order.seller, order.buyer, order.block.toString()],
  );
  if (withdrawal.rows[0] !== undefined) {
    found.push({ kind: "withdrawal", transactionHash: withdrawal.rows[0].transaction_hash, blockNumber: BigInt(withdrawal.rows[0].block_number) });
  }
  found.sort((a, b) => (a.blockNumber === b.blockNumber ? KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) : a.blockNumber < b.blockNumber ? -1 : 1));
  return found[0] ?? null;
}

export function startFundingWorker(options: FundingWorkerOptions): FundingWorker {
  const { pool, schema } = options;
  const ponder = quoteIdent(schema);
  const own = insightsSchema(schema);
  const client = createPublicClient({ transport: http(options.rpcUrl, { timeout: 10_000 }) }) as PublicClient;
  const transfersOf = blockTransfersReader(client);
  /** Ratings and checks at the last look that found nothing, and when every order was last looked at. */
  let quiet: string | undefined;
  let lastFullLook = 0;
  async function pending(): Promise<PendingOrder[]> {
    // Looking for unchecked orders joins every rating with its order and events (about 180 ms at 100,000 listings):
    // skipped while no rating or check came since a look that found nothing, except every FULL_LOOK_EVERY_MS (a
    // reorg can move a purchase to another transaction without changing either count).
    const full = Date.now() - lastFullLook > FULL_LOOK_EVERY_MS;
    const counts = (
      await pool.query<{ key: string }>(
        `SELECT (SELECT count(*) FROM ${ponder}.rating WHERE role = 'Seller') || ':' || (SELECT count(*) FROM ${own}.funding_check) AS key`,
      )
    ).rows[0]!.key;
    if (!full && counts === quiet) return [];
    if (full) lastFullLook = Date.now();
    const { rows } = await pool.query<PendingOrder>(
      `SELECT o.id::text AS order_id, o.buyer, o.seller, o.token, e.block_number::text AS block, e.transaction_hash AS placed_tx
       FROM ${ponder}.rating r
       JOIN ${ponder}.orders o ON o.id = r.order_id
       JOIN ${ponder}.order_event e ON e.order_id = o.id AND e.kind = 'Placed'
       LEFT JOIN ${own}.funding_check f ON f.order_id = o.id AND f.placed_tx = e.transaction_hash
       WHERE r.role = 'Seller' AND f.order_id IS NULL
       ORDER BY o.seller, e.block_number
       LIMIT ${BATCH}`,
    );
    quiet = rows.length === 0 ? counts : undefined;
    return rows;
  }

  async function check(order: PendingOrder): Promise<void> {
    const evidence = await findFunding(pool, schema, client, transfersOf, { ...order, block: BigInt(order.block) });
    await pool.query(
      `INSERT INTO ${own}.funding_check (order_id, placed_tx, funded, evidence_kind, evidence_tx, evidence_block)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET placed_tx = excluded.placed_tx, funded = excluded.funded,
         evidence_kind = excluded.evidence_kind, evidence_tx = excluded.evidence_tx,
         evidence_block = excluded.evidence_block, checked_at = now()`,
      [order.order_id, order.placed_tx, evidence !== null, evidence?.kind ?? null, evidence?.transactionHash ?? null, evidence?.blockNumber.toString() ?? null],
    );
  }

  /** One round: the pending orders, one seller at a time each (a seller's sends are read once), sellers in parallel. */
  async function round(): Promise<number> {
    const orders = await pending();
    const bySeller = new Map<string, PendingOrder[]>();
    for (const order of orders) bySeller.set(order.seller, [...(bySeller.get(order.seller) ?? []), order]);
    await Promise.all(
      [...bySeller.values()].map(async (list) => {
        for (const order of list) await check(order);
      }),
    );
    return orders.length;
  }

  return startBackgroundLoop({ intervalMs: options.intervalMs ?? 500, onError: options.onError, round: async () => (await round()) > 0 });
}
