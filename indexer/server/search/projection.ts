/**
 * The search projection: one row per listing with everything search filters, sorts and counts on (the listing's
 * state from Ponder's table, the seller's rating from Ponder's account table, the category and tsvector of its
 * document), so that a search reads one table instead of joins, through indexes made for its filters and sorts.
 * Triggers on Ponder's `listing` and `account` tables keep it in step inside Ponder's own transactions, reorgs and
 * crash recoveries included; the document fetcher updates the document side when documents arrive; triggers on the
 * projection keep the listing counts (listing-counts.ts). It lives in its own schema, `<ponder schema>_search`, one
 * per deployment.
 */
import type pg from "pg";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import { inTransaction, quoteIdent } from "../sql.ts";
import { createListingCounts, truncateListingCountsSql } from "./listing-counts.ts";

export function projectionSchema(schema: string): string {
  return quoteIdent(`${schema}_search`);
}

/** The projection's table, for queries. */
export function projectionTable(schema: string): string {
  return `${projectionSchema(schema)}.listing`;
}

const TRIGGER = "souk_search_projection";
/** Written on the projection's table; a projection built by another version of this file is rebuilt. */
const VERSION = "souk search projection 4: kept counts, sort indexes, token order, invalid documents";

/** The seller's average rating as the rating sort and its index compute it (null while unrated). */
export const SELLER_RATING = "(p.seller_score_sum::float8 / nullif(p.seller_ratings, 0))";

/**
 * Vacuums and analyzes the projection, its count tables and the documents: after a backfill or a burst of documents,
 * so that the planner knows the new rows (which index a filter should use) and index-only scans skip the old row
 * versions, at once rather than when autovacuum comes round.
 */
export async function vacuumSearchProjection(pool: pg.Pool, schema: string): Promise<void> {
  const own = projectionSchema(schema);
  const tables = ["listing", "listing_count", "seller_listing_count", "count_delta"].map((t) => `${own}.${t}`);
  // The documents too: the market statistics read their statuses and categories from an index alone.
  await pool.query(`VACUUM (ANALYZE) ${[...tables, `${DOCUMENTS_SCHEMA}.document`].join(", ")}`);
}

/**
 * Creates the projection and its triggers once Ponder has created its tables, and fills it from the rows already
 * there, in one transaction (the trigger's lock keeps Ponder's writes out meanwhile). Returns false while Ponder's
 * tables do not exist yet. Idempotent: a missing trigger (Ponder recreated its tables) or a projection of another
 * version is rebuilt.
 */
export async function ensureSearchProjection(pool: pg.Pool, schema: string): Promise<boolean> {
  const ponder = quoteIdent(schema);
  const own = projectionSchema(schema);
  const state = async (db: pg.Pool | pg.PoolClient) =>
    (
      await db.query<{ listing: string | null; current: boolean }>(
        `SELECT to_regclass($1) AS listing,
           EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = $2 AND tgrelid = to_regclass($1))
           AND obj_description(to_regclass($3), 'pg_class') IS NOT DISTINCT FROM $4 AS current`,
        [`${ponder}.listing`, TRIGGER, `${own}.listing`, VERSION],
      )
    ).rows[0]!;
  const before = await state(pool);
  if (before.listing === null) return false;
  if (before.current) return true;
  const built = await inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`souk_search.${schema}`]);
    // Another process may have built it while this one waited for the lock.
    if ((await state(client)).current) return false;
    // The old projection, its functions and the triggers on Ponder's tables that call them.
    await client.query(`DROP SCHEMA IF EXISTS ${own} CASCADE`);
    await client.query(`CREATE SCHEMA ${own}`);
    // Vacuumed after 5% of its rows changed (the default is 20%), so that index-only scans seldom visit the table. A
    // tsvector too long to keep the row under 2 kB goes out of line, uncompressed (no decompression when ranking).
    await client.query(`
      CREATE TABLE ${own}.listing (
        id numeric(78) PRIMARY KEY,
        seller text NOT NULL,
        token text NOT NULL,
        price numeric(78) NOT NULL,
        stock numeric(78) NOT NULL,
        closed boolean NOT NULL,
        created_at numeric(78) NOT NULL,
        digest text NOT NULL,
        seller_ratings integer NOT NULL DEFAULT 0,
        seller_score_sum integer NOT NULL DEFAULT 0,
        doc_status text,
        category text,
        search tsvector
      ) WITH (toast_tuple_target = 128, autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05)`);
    for (const column of ["seller", "token", "digest", "doc_status", "category"]) {
      await client.query(`ALTER TABLE ${own}.listing ALTER COLUMN ${column} SET STORAGE PLAIN`);
    }
    await client.query(`ALTER TABLE ${own}.listing ALTER COLUMN search SET STORAGE EXTERNAL`);
    await client.query(`
      CREATE OR REPLACE FUNCTION ${own}.sync_listing() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM ${own}.listing WHERE id = OLD.id;
        ELSIF TG_OP = 'UPDATE' AND NEW.metadata_digest = OLD.metadata_digest AND NEW.id = OLD.id THEN
          UPDATE ${own}.listing
          SET seller = NEW.seller, token = NEW.token, price = NEW.price, stock = NEW.stock, closed = NEW.closed,
              created_at = NEW.created_at
          WHERE id = NEW.id;
        ELSE
          IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
            DELETE FROM ${own}.listing WHERE id = OLD.id;
          END IF;
          INSERT INTO ${own}.listing AS p (id, seller, token, price, stock, closed, created_at, digest,
                                           seller_ratings, seller_score_sum, doc_status, category, search)
          SELECT NEW.id, NEW.seller, NEW.token, NEW.price, NEW.stock, NEW.closed, NEW.created_at, NEW.metadata_digest,
                 coalesce(a.ratings_as_seller, 0), coalesce(a.score_sum_as_seller, 0), d.status, d.category, d.search
          FROM (SELECT 1) AS one
          LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = NEW.metadata_digest AND d.kind = 'listing'
          LEFT JOIN ${ponder}.account a ON a.address = NEW.seller
          ON CONFLICT (id) DO UPDATE SET
            seller = excluded.seller, token = excluded.token, price = excluded.price, stock = excluded.stock,
            closed = excluded.closed, created_at = excluded.created_at, digest = excluded.digest,
            seller_ratings = excluded.seller_ratings, seller_score_sum = excluded.seller_score_sum,
            doc_status = excluded.doc_status, category = excluded.category, search = excluded.search;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await client.query(`
      CREATE OR REPLACE FUNCTION ${own}.sync_seller() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE ${own}.listing SET seller_ratings = 0, seller_score_sum = 0 WHERE seller = OLD.address;
        ELSIF TG_OP = 'INSERT' OR NEW.ratings_as_seller <> OLD.ratings_as_seller
              OR NEW.score_sum_as_seller <> OLD.score_sum_as_seller THEN
          UPDATE ${own}.listing SET seller_ratings = NEW.ratings_as_seller, seller_score_sum = NEW.score_sum_as_seller
          WHERE seller = NEW.address
            AND (seller_ratings, seller_score_sum) IS DISTINCT FROM (NEW.ratings_as_seller, NEW.score_sum_as_seller);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await client.query(`
      CREATE OR REPLACE FUNCTION ${own}.truncate_listing() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        TRUNCATE ${own}.listing;
        ${truncateListingCountsSql(own)}
        RETURN NULL;
      END
      $fn$`);
    await client.query(`DROP TRIGGER IF EXISTS ${TRIGGER} ON ${ponder}.listing`);
    await client.query(`DROP TRIGGER IF EXISTS ${TRIGGER}_truncate ON ${ponder}.listing`);
    await client.query(
      `CREATE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON ${ponder}.listing
       FOR EACH ROW EXECUTE FUNCTION ${own}.sync_listing()`,
    );
    await client.query(
      `CREATE TRIGGER ${TRIGGER}_truncate AFTER TRUNCATE ON ${ponder}.listing
       FOR EACH STATEMENT EXECUTE FUNCTION ${own}.truncate_listing()`,
    );
    await client.query(`DROP TRIGGER IF EXISTS ${TRIGGER} ON ${ponder}.account`);
    await client.query(
      `CREATE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON ${ponder}.account
       FOR EACH ROW EXECUTE FUNCTION ${own}.sync_seller()`,
    );
    await client.query(`
      INSERT INTO ${own}.listing (id, seller, token, price, stock, closed, created_at, digest,
                                  seller_ratings, seller_score_sum, doc_status, category, search)
      SELECT l.id, l.seller, l.token, l.price, l.stock, l.closed, l.created_at, l.metadata_digest,
             coalesce(a.ratings_as_seller, 0), coalesce(a.score_sum_as_seller, 0), d.status, d.category, d.search
      FROM ${ponder}.listing l
      LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = l.metadata_digest AND d.kind = 'listing'
      LEFT JOIN ${ponder}.account a ON a.address = l.seller`);
    await client.query(`CREATE INDEX ON ${own}.listing (digest)`);
    await client.query(`CREATE INDEX ON ${own}.listing (digest) WHERE doc_status IS NULL OR doc_status = 'unavailable'`);
    // The listings the kept counts leave out, for the market statistics' totals (few: a document that failed its checks).
    await client.query(`CREATE INDEX ON ${own}.listing (id) WHERE doc_status = 'invalid'`);
    // Searched far more often than written: no pending list to scan on every search (fastupdate's trade).
    await client.query(`CREATE INDEX ON ${own}.listing USING gin (search) WITH (fastupdate = off)`);
    // One index per order the API sorts in, each ending with the id, so that a page is read in order and stops.
    await client.query(`CREATE INDEX ON ${own}.listing (category, id)`);
    await client.query(`CREATE INDEX ON ${own}.listing (seller, id)`);
    await client.query(`CREATE INDEX ON ${own}.listing (token, id)`);
    // Covering too: a price range's counts (per category) are read from this index alone.
    await client.query(`CREATE INDEX ON ${own}.listing (token, price, id DESC) INCLUDE (category, closed, stock, doc_status)`);
    await client.query(`CREATE INDEX ON ${own}.listing (token, price DESC, id DESC)`);
    await client.query(
      `CREATE INDEX ON ${own}.listing (${SELLER_RATING.replaceAll("p.", "")} DESC NULLS LAST, seller_ratings DESC, id DESC)`,
    );
    // The newest listing's time, for the recency boost.
    await client.query(`CREATE INDEX ON ${own}.listing (created_at)`);
    await createListingCounts(client, own);
    await client.query(`COMMENT ON TABLE ${own}.listing IS ${client.escapeLiteral(VERSION)}`);
    return true;
  });
  if (built) for (const table of ["listing", "listing_count", "seller_listing_count"]) await pool.query(`ANALYZE ${own}.${table}`);
  return true;
}

/**
 * Copies documents into the projection: the given ones (just stored), or those of every listing still waiting for
 * its document (`waiting`: cheap, through a partial index, run on every look for new documents), or every copy that
 * differs (`stale`). Waiting rows cover a race: a listing written by Ponder while its document was being stored,
 * each transaction blind to the other's uncommitted row.
 */
export async function refreshProjectedDocuments(pool: pg.Pool, schema: string, which: string[] | "waiting" | "stale"): Promise<void> {
  const table = projectionTable(schema);
  const condition =
    which === "waiting"
      ? "(p.doc_status IS NULL OR p.doc_status = 'unavailable') AND p.doc_status IS DISTINCT FROM d.status"
      : which === "stale"
        ? "p.doc_status IS DISTINCT FROM d.status"
        : "d.digest = ANY($1::text[])";
  await pool.query(
    `UPDATE ${table} p SET doc_status = d.status, category = d.category, search = d.search
     FROM ${DOCUMENTS_SCHEMA}.document d
     WHERE d.kind = 'listing' AND d.digest = p.digest AND ${condition}`,
    Array.isArray(which) ? [which] : [],
  );
}
