/**
 * The document cache: Souk's own schema beside Ponder's, written outside the indexing functions. Documents are keyed
 * by digest (the content's hash) and kind, so that reindexing, reorgs and redeployments never fetch one twice, and
 * every deployment schema shares them. Also the full-text search configuration (English stemming with accents
 * folded) and the lexicon of indexed words that typo tolerance searches with pg_trgm.
 */
import type pg from "pg";

import { inTransaction } from "../sql.ts";

export const DOCUMENTS_SCHEMA = "souk_documents";

/** The text search configuration every tsvector and tsquery uses. */
export const TS_CONFIG = `${DOCUMENTS_SCHEMA}.souk_english`;

/** Creates the schema, extensions, search configuration, tables and indexes when missing (idempotent). */
export async function ensureDocumentStore(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    // Two processes may start together: one of them creates, the other waits.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('souk_documents.ensure'))");
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    await client.query("CREATE EXTENSION IF NOT EXISTS unaccent");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${DOCUMENTS_SCHEMA}`);
    const unaccentSchema = (
      await client.query<{ nspname: string }>(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'",
      )
    ).rows[0]!.nspname;
    const configExists =
      (
        await client.query(
          `SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
           WHERE c.cfgname = 'souk_english' AND n.nspname = $1`,
          [DOCUMENTS_SCHEMA],
        )
      ).rowCount === 1;
    if (!configExists) {
      await client.query(`CREATE TEXT SEARCH CONFIGURATION ${TS_CONFIG} (COPY = pg_catalog.english)`);
      await client.query(
        `ALTER TEXT SEARCH CONFIGURATION ${TS_CONFIG}
         ALTER MAPPING FOR hword, hword_part, word WITH ${client.escapeIdentifier(unaccentSchema)}.unaccent, english_stem`,
      );
    }
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${DOCUMENTS_SCHEMA}.document (
        digest text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('valid', 'invalid', 'unavailable')),
        error text,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        size integer,
        body jsonb,
        title text,
        category text,
        search tsvector,
        fetched_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (digest, kind)
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS document_search_idx ON ${DOCUMENTS_SCHEMA}.document USING gin (search)`);
    // Statuses and categories without reading the documents' bodies (the market statistics join every reference).
    await client.query(
      `CREATE INDEX IF NOT EXISTS document_status_idx ON ${DOCUMENTS_SCHEMA}.document (digest, kind) INCLUDE (status, category)`,
    );
    await client.query(
      `CREATE INDEX IF NOT EXISTS document_retry_idx ON ${DOCUMENTS_SCHEMA}.document (next_attempt_at) WHERE status = 'unavailable'`,
    );
    await client.query(`CREATE TABLE IF NOT EXISTS ${DOCUMENTS_SCHEMA}.lexicon (word text PRIMARY KEY)`);
    await client.query(
      `CREATE INDEX IF NOT EXISTS lexicon_trgm_idx ON ${DOCUMENTS_SCHEMA}.lexicon USING gin (word gin_trgm_ops)`,
    );
    await client.query(
      `CREATE INDEX IF NOT EXISTS lexicon_prefix_idx ON ${DOCUMENTS_SCHEMA}.lexicon (word text_pattern_ops)`,
    );
  });
}
