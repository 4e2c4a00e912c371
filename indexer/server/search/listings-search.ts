/**
 * `GET /api/listings`: full-text search, filters, facets and sorting over the search projection (projection.ts):
 * one grouped count (category x token x price range) gives the total and both facets, and a second query the page.
 * Facets are disjunctive: the category counts apply every filter but the category, the token counts every filter
 * but the token (and its price range), so a person sees what each choice would give. Relevance is ts_rank (title
 * weighted A, tags B, details C, description D) times a recency boost.
 */
import type pg from "pg";

import { TS_CONFIG } from "../documents/store-schema.ts";
import type { ListingsQuery } from "../query-params.ts";
import { Params } from "../sql.ts";
import { projectionTable } from "./projection.ts";
import { buildTextQuery } from "./text-query.ts";

export interface ListingsPage {
  total: number;
  ids: bigint[];
  relevance: Map<bigint, number>;
  facets: { categories: Array<{ category: string; count: number }>; tokens: Array<{ token: string; count: number }> };
  corrections: Record<string, string[]>;
}

/** A listing a week old keeps half of its recency boost. */
const RECENCY_SECONDS = 7 * 24 * 3600;

export async function searchListings(pool: pg.Pool, rawSchema: string, query: ListingsQuery): Promise<ListingsPage> {
  const table = projectionTable(rawSchema);
  const text = query.q === undefined ? undefined : await buildTextQuery(pool, query.q);
  const from = `${table} p`;

  /** The conditions, with their values collected in `params` (each query gets its own numbering). */
  const conditions = (params: Params) => {
    const where: string[] = ["(p.doc_status IS NULL OR p.doc_status <> 'invalid')"];
    if (query.status !== "all") where.push(query.status === "open" ? "NOT p.closed" : "p.closed");
    let rank = "0::float8";
    if (text !== undefined) {
      const tsq = `to_tsquery('${TS_CONFIG}', ${params.add(text.tsquery)})`;
      // A query of stop words only ("the") constrains nothing rather than matching nothing.
      where.push(`(numnode(${tsq}) = 0 OR p.search @@ ${tsq})`);
      rank =
        `ts_rank(coalesce(p.search, ''::tsvector), ${tsq}) * ` +
        `(1 + ${RECENCY_SECONDS}::float8 / (${RECENCY_SECONDS} + greatest(0, (SELECT max(created_at) FROM ${table}) - p.created_at)::float8))`;
    }
    if (query.inStock === true) where.push("p.stock > 0");
    if (query.inStock === false) where.push("p.stock = 0");
    if (query.seller !== undefined) where.push(`p.seller = ${params.add(query.seller)}`);
    if (query.minRating !== undefined) {
      where.push(`p.seller_ratings > 0 AND p.seller_score_sum >= ${params.add(query.minRating)}::numeric * p.seller_ratings`);
    }
    const price: string[] = [];
    if (query.minPrice !== undefined) price.push(`p.price >= ${params.add(query.minPrice.toString())}::numeric`);
    if (query.maxPrice !== undefined) price.push(`p.price <= ${params.add(query.maxPrice.toString())}::numeric`);
    return { where, rank, price: price.length === 0 ? "true" : price.join(" AND ") };
  };

  // Counts in one pass: per category, token and whether the price range holds; the total and both facets follow.
  const countParams = new Params();
  const c = conditions(countParams);
  const counts = pool.query<{ category: string | null; token: string; in_range: boolean; n: number }>(
    `SELECT p.category, p.token, (${c.price}) AS in_range, count(*)::int AS n
     FROM ${from} WHERE ${c.where.join(" AND ")} GROUP BY 1, 2, 3`,
    countParams.values,
  );

  // The page, separately, so that PostgreSQL can walk an index in the order asked and stop after one page.
  const pageParams = new Params();
  const w = conditions(pageParams);
  if (query.category !== undefined) w.where.push(`p.category = ${pageParams.add(query.category)}`);
  if (query.token !== undefined) w.where.push(`p.token = ${pageParams.add(query.token)}`);
  w.where.push(w.price);
  const sort = query.sort ?? (text === undefined ? "newest" : "relevance");
  const order = {
    relevance: text === undefined ? "p.id DESC" : "rank DESC, p.id DESC",
    newest: "p.id DESC",
    // Prices in different currencies cannot be compared: they are sorted within each currency, ETH first.
    "price-asc": "p.token ASC, p.price ASC, p.id DESC",
    "price-desc": "p.token ASC, p.price DESC, p.id DESC",
    rating: "seller_rating DESC NULLS LAST, p.seller_ratings DESC, p.id DESC",
  }[sort];
  const rating = "p.seller_score_sum::float8 / nullif(p.seller_ratings, 0)";
  const page = pool.query<{ id: string; rank: number }>(
    `SELECT p.id::text AS id, ${w.rank} AS rank, ${rating} AS seller_rating
     FROM ${from} WHERE ${w.where.join(" AND ")}
     ORDER BY ${order}
     LIMIT ${pageParams.add(query.pageSize)} OFFSET ${pageParams.add((query.page - 1) * query.pageSize)}`,
    pageParams.values,
  );

  const [countRows, pageRows] = await Promise.all([counts, page]);
  const categoryMatches = (row: { category: string | null }) => query.category === undefined || row.category === query.category;
  const tokenMatches = (row: { token: string; in_range: boolean }) =>
    (query.token === undefined || row.token === query.token) && row.in_range;
  let total = 0;
  const categories = new Map<string, number>();
  const tokens = new Map<string, number>();
  for (const row of countRows.rows) {
    if (categoryMatches(row) && tokenMatches(row)) total += row.n;
    if (row.category !== null && tokenMatches(row)) categories.set(row.category, (categories.get(row.category) ?? 0) + row.n);
    // The token facet ignores the token and its price range.
    if (categoryMatches(row)) tokens.set(row.token, (tokens.get(row.token) ?? 0) + row.n);
  }
  return {
    total,
    ids: pageRows.rows.map((row) => BigInt(row.id)),
    relevance: new Map(pageRows.rows.map((row) => [BigInt(row.id), row.rank])),
    facets: {
      categories: byCount(categories).map(([category, count]) => ({ category, count })),
      tokens: byCount(tokens).map(([token, count]) => ({ token, count })),
    },
    corrections: text?.corrections ?? {},
  };
}

/** Largest count first, then by name. */
function byCount(map: Map<string, number>): Array<[string, number]> {
  return [...map].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}
