/**
 * Checks the listing counts that the search projection's triggers keep (server/search/listing-counts.ts) against a
 * recount of the projection's rows, straight from the database.
 */
import pg from "pg";

import { compactListingCounts } from "../server/search/listing-counts.ts";
import { projectionSchema, vacuumSearchProjection } from "../server/search/projection.ts";

export interface CountCheck {
  /** Keys whose kept count differs from the recount ("per seller" and "overall"), with both numbers. */
  drift: string[];
  /** Listings counted (every listing but those with an invalid document). */
  listings: number;
  /** Delta rows not folded into the totals yet. */
  deltas: number;
}

export async function checkKeptCounts(databaseUrl: string, schema = "souk"): Promise<CountCheck> {
  const s = projectionSchema(schema);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // One snapshot for the counts and the recount.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    const { rows } = await client.query<{ what: string; key: string; kept: number | null; actual: number | null }>(`
      WITH actual AS (
        SELECT seller, closed, stock > 0 AS in_stock, coalesce(category, '') AS category, token, count(*)::int AS n
        FROM ${s}.listing WHERE doc_status IS DISTINCT FROM 'invalid' GROUP BY 1, 2, 3, 4, 5),
      kept AS (
        SELECT seller, closed, in_stock, category, token, sum(n)::int AS n
        FROM (SELECT seller, closed, in_stock, category, token, n FROM ${s}.seller_listing_count
              UNION ALL SELECT seller, closed, in_stock, category, token, n FROM ${s}.count_delta) k
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0),
      overall AS (
        SELECT closed, in_stock, category, token, sum(n)::int AS n
        FROM (SELECT closed, in_stock, category, token, n FROM ${s}.listing_count
              UNION ALL SELECT closed, in_stock, category, token, n FROM ${s}.count_delta) k
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
      actual_overall AS (SELECT closed, in_stock, category, token, sum(n)::int AS n FROM actual GROUP BY 1, 2, 3, 4)
      SELECT 'per seller' AS what, concat_ws('/', seller, closed, in_stock, category, token) AS key, k.n AS kept, a.n AS actual
      FROM kept k FULL JOIN actual a USING (seller, closed, in_stock, category, token)
      WHERE k.n IS DISTINCT FROM a.n
      UNION ALL
      SELECT 'overall', concat_ws('/', closed, in_stock, category, token), k.n, a.n
      FROM overall k FULL JOIN actual_overall a USING (closed, in_stock, category, token)
      WHERE k.n IS DISTINCT FROM a.n`);
    const totals = await client.query<{ listings: number; deltas: number }>(
      `SELECT (SELECT count(*)::int FROM ${s}.listing WHERE doc_status IS DISTINCT FROM 'invalid') AS listings,
              (SELECT count(*)::int FROM ${s}.count_delta) AS deltas`,
    );
    await client.query("COMMIT");
    return {
      drift: rows.map((r) => `${r.what} ${r.key}: kept ${r.kept ?? 0}, recounted ${r.actual ?? 0}`),
      listings: totals.rows[0]!.listings,
      deltas: totals.rows[0]!.deltas,
    };
  } finally {
    await client.end();
  }
}

/** Folds the deltas into the totals now and vacuums, as the document fetcher does (between fetches, when idle). */
export async function compactNow(databaseUrl: string, schema = "souk"): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await compactListingCounts(pool, projectionSchema(schema));
    await vacuumSearchProjection(pool, schema);
  } finally {
    await pool.end();
  }
}
