/**
 * Listing counts kept incrementally, so that browsing and the single-filter cases (category, token, in stock, status,
 * seller, minimum rating) never count the projection row by row: how many listings there are per (closed, in stock,
 * category, token), overall and per seller. Listings with an invalid document are never counted (they are never
 * listed); a listing whose document has not arrived counts under the category '' (in the total, in no category).
 *
 * Row triggers on the projection append each change of a listing's key to `count_delta` (-1 for the old key, +1 for the
 * new), and only ever append: Ponder's transactions and the document fetcher's never wait for each other on a shared
 * counter row, so they cannot deadlock on one. A reader adds the deltas to the compacted totals in one snapshot, so
 * the counts are exact at every moment, reorgs included (Ponder's rollback deletes and updates rows like any other
 * write). `compactListingCounts` folds the deltas into the totals, in one transaction, from time to time.
 */
import type pg from "pg";

import { inTransaction, Params } from "../sql.ts";

/** The columns a count is kept per, as the projection row gives them. */
const KEY_OF_ROW = "closed, stock > 0 AS in_stock, coalesce(category, '') AS category, token";
const KEY = "closed, in_stock, category, token";

/**
 * Creates the count tables and their triggers on `own.listing` and fills them from the projection's rows (inside the
 * caller's transaction, which holds the projection still).
 */
export async function createListingCounts(client: pg.PoolClient, own: string): Promise<void> {
  const key = "closed boolean NOT NULL, in_stock boolean NOT NULL, category text NOT NULL, token text NOT NULL";
  await client.query(`CREATE TABLE ${own}.listing_count (${key}, n bigint NOT NULL, PRIMARY KEY (${KEY}))`);
  await client.query(
    `CREATE TABLE ${own}.seller_listing_count (seller text NOT NULL, ${key}, n bigint NOT NULL, PRIMARY KEY (seller, ${KEY}))`,
  );
  await client.query(`CREATE TABLE ${own}.count_delta (seller text NOT NULL, ${key}, n integer NOT NULL)`);
  await client.query(`CREATE INDEX ON ${own}.count_delta (seller)`);
  // Row triggers: an update fires only when it moves the row to another key (its WHEN clause is checked before any
  // function call), so the frequent updates that do not (a rating, a price, stock that stays above zero) cost nothing.
  const keyOf = (row: "NEW" | "OLD") =>
    `${row}.seller, ${row}.closed, ${row}.stock > 0, coalesce(${row}.category, ''), ${row}.token`;
  await client.query(`
    CREATE FUNCTION ${own}.count_listings() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.doc_status IS DISTINCT FROM 'invalid' THEN
        INSERT INTO ${own}.count_delta VALUES (${keyOf("OLD")}, -1);
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.doc_status IS DISTINCT FROM 'invalid' THEN
        INSERT INTO ${own}.count_delta VALUES (${keyOf("NEW")}, 1);
      END IF;
      RETURN NULL;
    END
    $fn$`);
  const counted = (row: "NEW" | "OLD") => `(${keyOf(row)}, ${row}.doc_status IS DISTINCT FROM 'invalid')`;
  await client.query(
    `CREATE TRIGGER count_listings AFTER INSERT OR DELETE ON ${own}.listing
     FOR EACH ROW EXECUTE FUNCTION ${own}.count_listings()`,
  );
  await client.query(
    `CREATE TRIGGER count_listings_update AFTER UPDATE ON ${own}.listing
     FOR EACH ROW WHEN (${counted("OLD")} IS DISTINCT FROM ${counted("NEW")})
     EXECUTE FUNCTION ${own}.count_listings()`,
  );
  await client.query(
    `INSERT INTO ${own}.seller_listing_count SELECT seller, ${KEY}, count(*)
     FROM (SELECT seller, ${KEY_OF_ROW} FROM ${own}.listing WHERE doc_status IS DISTINCT FROM 'invalid') r
     GROUP BY seller, ${KEY}`,
  );
  await client.query(
    `INSERT INTO ${own}.listing_count SELECT ${KEY}, sum(n) FROM ${own}.seller_listing_count GROUP BY ${KEY}`,
  );
}

/** Empties the counts (the projection was truncated): SQL for the projection's truncate trigger. */
export function truncateListingCountsSql(own: string): string {
  return `TRUNCATE ${own}.listing_count, ${own}.seller_listing_count, ${own}.count_delta;`;
}

/**
 * Folds the deltas into the totals. One process at a time does it (the others skip); readers see the deltas or the
 * new totals, never both, since it is one transaction. Returns how many delta rows were folded.
 */
export async function compactListingCounts(pool: pg.Pool, own: string): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked", [
      `souk_search.counts.${own}`,
    ]);
    if (!rows[0]!.locked) return 0;
    const result = await client.query<{ folded: number }>(`
      WITH moved AS (DELETE FROM ${own}.count_delta RETURNING *),
      per_seller AS (
        SELECT seller, ${KEY}, sum(n) AS n FROM moved GROUP BY seller, ${KEY} HAVING sum(n) <> 0
      ),
      sellers AS (
        INSERT INTO ${own}.seller_listing_count AS c SELECT * FROM per_seller ORDER BY seller, ${KEY}
        ON CONFLICT (seller, ${KEY}) DO UPDATE SET n = c.n + excluded.n
      ),
      overall AS (
        INSERT INTO ${own}.listing_count AS c
        SELECT ${KEY}, sum(n) FROM per_seller GROUP BY ${KEY} HAVING sum(n) <> 0 ORDER BY ${KEY}
        ON CONFLICT (${KEY}) DO UPDATE SET n = c.n + excluded.n
      )
      SELECT count(*)::int AS folded FROM moved`);
    return result.rows[0]!.folded;
  });
}

/** The filters the kept counts can answer: everything but text and a price range. */
export interface CountFilters {
  status: "open" | "closed" | "all";
  inStock?: boolean;
  seller?: string;
  minRating?: number;
}

/**
 * SQL for listings per (category, token) under `filters`, from the kept counts: exact, and as cheap as the number of
 * keys (per seller when a seller or a minimum rating is asked for; the rating is the seller's own, from Ponder's
 * `account`). Its rows are (category text: '' while the document has not arrived, token text, n integer), with
 * values added to `params`, so that a caller can read them in the same statement (the same snapshot) as other counts.
 */
export function keptCountsSql(own: string, ponder: string, filters: CountFilters, params: Params): string {
  const where: string[] = [];
  if (filters.status !== "all") where.push(filters.status === "open" ? "NOT closed" : "closed");
  if (filters.inStock !== undefined) where.push(filters.inStock ? "in_stock" : "NOT in_stock");
  const perSeller = filters.seller !== undefined || filters.minRating !== undefined;
  if (filters.seller !== undefined) where.push(`seller = ${params.add(filters.seller)}`);
  if (filters.minRating !== undefined) {
    where.push(
      `seller IN (SELECT a.address FROM ${ponder}.account a
                  WHERE a.ratings_as_seller > 0 AND a.score_sum_as_seller >= ${params.add(filters.minRating)}::numeric * a.ratings_as_seller)`,
    );
  }
  const condition = where.length === 0 ? "true" : where.join(" AND ");
  const totals = perSeller ? `${own}.seller_listing_count` : `${own}.listing_count`;
  return `SELECT category, token, sum(n)::int AS n FROM (
       SELECT category, token, n FROM ${totals} WHERE ${condition}
       UNION ALL
       SELECT category, token, n FROM ${own}.count_delta WHERE ${condition}
     ) kept GROUP BY category, token HAVING sum(n) > 0`;
}

/** Listings per (category, closed, in stock): `category` is '' while the document has not arrived, null when invalid. */
export interface ListingCountRow {
  category: string | null;
  closed: boolean;
  in_stock: boolean;
  n: number;
}

/**
 * SQL for every listing's count by key, for the market statistics: the kept counts, and the listings they leave out
 * (an invalid document: few, through a partial index) under a null category. Its rows are ListingCountRow.
 */
export function listingCountsByKeySql(own: string): string {
  return `SELECT category, closed, in_stock, sum(n)::int AS n FROM (
       SELECT category, closed, in_stock, n FROM ${own}.listing_count
       UNION ALL
       SELECT category, closed, in_stock, n FROM ${own}.count_delta
       UNION ALL
       SELECT NULL, closed, stock > 0, 1 FROM ${own}.listing WHERE doc_status = 'invalid'
     ) kept GROUP BY category, closed, in_stock HAVING sum(n) <> 0`;
}
