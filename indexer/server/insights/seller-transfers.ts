/**
 * The ETH an ordinary account (EOA) sent in its own transactions, found through any JSON-RPC node with history,
 * without a trace or address-index API: an account's nonce counts its transactions, so bisecting block ranges on
 * `eth_getTransactionCount(account, block)` finds exactly the blocks where the nonce moved, and only those blocks
 * are read. Ranges where the nonce did not move are skipped whole, so the cost grows with the number of blocks the
 * account sent from, not with the chain's length. What was read is kept (`eth_scan`, `eth_sent`), so each block is
 * read once per account; the blocks' ETH transfers are cached across accounts (sellers share busy blocks). Not seen:
 * ETH moved by contracts (internal transfers, contract wallets).
 */
import type pg from "pg";
import type { PublicClient } from "viem";

import { inTransaction } from "../sql.ts";
import { insightsSchema } from "./store-schema.ts";

export interface ValueTransfer {
  hash: string;
  from: string;
  to: string;
  value: bigint;
}

/** Reads the ETH transfers of a block's transactions, remembering the last `capacity` blocks read. */
export function blockTransfersReader(client: PublicClient, capacity = 4_096): (block: bigint) => Promise<ValueTransfer[]> {
  const cache = new Map<bigint, Promise<ValueTransfer[]>>();
  return (blockNumber) => {
    let transfers = cache.get(blockNumber);
    if (transfers === undefined) {
      transfers = client.getBlock({ blockNumber, includeTransactions: true }).then((block) =>
        block.transactions.flatMap((tx) =>
          tx.to !== null && tx.value > 0n ? [{ hash: tx.hash, from: tx.from.toLowerCase(), to: tx.to.toLowerCase(), value: tx.value }] : [],
        ),
      );
      transfers.catch(() => cache.delete(blockNumber));
      cache.set(blockNumber, transfers);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
    }
    return transfers;
  };
}

export async function scanSentEth(
  pool: pg.Pool,
  schema: string,
  client: PublicClient,
  transfersOf: (block: bigint) => Promise<ValueTransfer[]>,
  sender: string,
  toBlock: bigint,
): Promise<void> {
  const own = insightsSchema(schema);
  const { rows } = await pool.query<{ block: string; nonce: string }>(`SELECT block::text, nonce::text FROM ${own}.eth_scan WHERE sender = $1`, [sender]);
  // Before the first block every nonce is zero: block -1 stands for "before genesis".
  const from = rows[0] === undefined ? { block: -1n, nonce: 0n } : { block: BigInt(rows[0].block), nonce: BigInt(rows[0].nonce) };
  if (from.block >= toBlock) return;
  const nonceAt = async (block: bigint) =>
    BigInt(await client.getTransactionCount({ address: sender as `0x${string}`, blockNumber: block }));
  const sent: Array<{ hash: string; to: string; value: bigint; block: bigint }> = [];

  const bisect = async (lo: bigint, loNonce: bigint, hi: bigint, hiNonce: bigint): Promise<void> => {
    if (hiNonce === loNonce) return;
    if (hi === lo + 1n) {
      for (const tx of await transfersOf(hi)) if (tx.from === sender) sent.push({ ...tx, block: hi });
      return;
    }
    const mid = (lo + hi) / 2n;
    const midNonce = await nonceAt(mid);
    await bisect(lo, loNonce, mid, midNonce);
    await bisect(mid, midNonce, hi, hiNonce);
  };

  const toNonce = await nonceAt(toBlock);
  await bisect(from.block, from.nonce, toBlock, toNonce);
  await inTransaction(pool, async (db) => {
    for (const s of sent) {
      await db.query(
        `INSERT INTO ${own}.eth_sent (tx_hash, sender, recipient, value, block) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [s.hash, sender, s.to, s.value.toString(), s.block.toString()],
      );
    }
    await db.query(
      `INSERT INTO ${own}.eth_scan (sender, block, nonce) VALUES ($1, $2, $3)
       ON CONFLICT (sender) DO UPDATE SET block = excluded.block, nonce = excluded.nonce WHERE ${own}.eth_scan.block < excluded.block`,
      [sender, toBlock.toString(), toNonce.toString()],
    );
  });
}
