/**
 * The search projection: one narrow row per listing with everything search filters, sorts and counts on (the
 * listing's state from Ponder's table, the seller's rating from Ponder's account table, the category and tsvector
 * of its document), so that a search is a scan of one table instead of joins. Triggers on Ponder's `listing` and
 * `account` tables keep it in step inside Ponder's own transactions, reorgs and crash recoveries included; the
 * document fetcher updates the document side when documents arrive. The tsvector is stored out of line, so that
 * counting and browsing scan narrow rows. It lives in its own schema, `<ponder schema>_search`, one per deployment.
 */
import type pg from "pg";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import { quoteIdent } from "../sql.ts";

export function projectionSchema(schema: string): string {
  return quoteIdent(`${schema}_search`);
}

/** The projection's table, for queries. */
export function projectionTable(schema: string): string {
  return `${projectionSchema(schema)}.listing`;
}

const TRIGGER = "souk_search_projection";

/**
 * Creates the projection and its triggers once Ponder has created its tables, and fills it from the rows already
 * there, in one transaction (the trigger's lock keeps Ponder's writes out meanwhile). Returns false while Ponder's
 * tables do not exist yet. Idempotent: a missing trigger (Ponder recreated its tables) is put back.
 */
export async function ensureSearchProjection(pool: pg.Pool, schema: string): Promise<boolean> {
  const ponder = quoteIdent(schema);
  const own = projectionSchema(schema);
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ listing: string | null; installed: boolean }>(
      `SELECT to_regclass($1) AS listing,
         EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = $2 AND tgrelid = to_regclass($1)) AS installed`,
      [`${ponder}.listing`, TRIGGER],
    );
    if (rows[0]!.listing === null) return false;
    if (rows[0]!.installed) return true;
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`souk_search.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${own}`);
    await client.query(`DROP TABLE IF EXISTS ${own}.listing`);
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
      ) WITH (toast_tuple_target = 128)`);
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
    await client.query(`CREATE INDEX ON ${own}.listing USING gin (search)`);
    await client.query(`CREATE INDEX ON ${own}.listing (price, id)`);
    await client.query(`CREATE INDEX ON ${own}.listing (seller)`);
    await client.query(`CREATE INDEX ON ${own}.listing (category, id)`);
    await client.query("COMMIT");
    await client.query(`ANALYZE ${own}.listing`);
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
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
