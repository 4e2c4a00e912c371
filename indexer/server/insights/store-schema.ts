/**
 * The insights store: Souk's own schema beside Ponder's (`<ponder schema>_insights`, one per deployment), written by
 * the funding checker (funding-worker.ts) outside the indexing functions, like the document cache. Also the trigram
 * index on listing titles that similar listings are found with (on the shared document cache).
 */
import type pg from "pg";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import { inTransaction, quoteIdent } from "../sql.ts";

export function insightsSchema(schema: string): string {
  return quoteIdent(`${schema}_insights`);
}

/** Creates the schema, tables and indexes when missing (idempotent; two processes may start together). */
export async function ensureInsightsStore(pool: pg.Pool, schema: string): Promise<void> {
  const own = insightsSchema(schema);
  await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`souk_insights.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${own}`);
    // One row per rated order checked: did the buyer get money from the seller at or before the purchase's block?
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${own}.funding_check (
        order_id numeric(78) PRIMARY KEY,
        placed_tx text NOT NULL,
        funded boolean NOT NULL,
        evidence_kind text CHECK (evidence_kind IN ('eth', 'token', 'withdrawal')),
        evidence_tx text,
        evidence_block numeric(78),
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
    // How far each seller's own transactions have been read (its nonce at that block), and the ETH they carried.
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${own}.eth_scan (
        sender text PRIMARY KEY,
        block numeric(78) NOT NULL,
        nonce numeric(78) NOT NULL
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${own}.eth_sent (
        tx_hash text PRIMARY KEY,
        sender text NOT NULL,
        recipient text NOT NULL,
        value numeric(78) NOT NULL,
        block numeric(78) NOT NULL
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS eth_sent_pair_idx ON ${own}.eth_sent (sender, recipient, block)`);
    await client.query(
      `CREATE INDEX IF NOT EXISTS document_title_trgm_idx ON ${DOCUMENTS_SCHEMA}.document
       USING gist (title gist_trgm_ops) WHERE kind = 'listing' AND status = 'valid'`,
    );
  });
}
