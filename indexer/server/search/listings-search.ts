/**
 * `GET /api/listings`: full-text search, filters, facets and sorting in one PostgreSQL statement over Ponder's
 * listing table and the document cache. Facets are disjunctive: the category counts apply every filter but the
 * category, the token counts every filter but the token (and its price range), so a person sees what each choice
 * would give. Relevance is ts_rank (title weighted A, tags B, details C, description D) times a recency boost.
 */
import type pg from "pg";

import { DOCUMENTS_SCHEMA, TS_CONFIG } from "../documents/store-schema.ts";
import type { ListingsQuery } from "../query-params.ts";
import { Params } from "../sql.ts";
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

export async function searchListings(pool: pg.Pool, schema: string, query: ListingsQuery): Promise<ListingsPage> {
  const p = new Params();
  const text = query.q === undefined ? undefined : await buildTextQuery(pool, query.q);
  const where: string[] = ["(d.status IS NULL OR d.status <> 'invalid')"];
  if (query.status !== "all") where.push(query.status === "open" ? "NOT l.closed" : "l.closed");
  let rank = "0::float8";
  if (text !== undefined) {
    const tsq = `to_tsquery('${TS_CONFIG}', ${p.add(text.tsquery)})`;
    // A query of stop words only ("the") constrains nothing rather than matching nothing.
    where.push(`(numnode(${tsq}) = 0 OR d.search @@ ${tsq})`);
    rank =
      `ts_rank(coalesce(d.search, ''::tsvector), ${tsq}) * ` +
      `(1 + ${RECENCY_SECONDS}::float8 / (${RECENCY_SECONDS} + greatest(0, (SELECT max(created_at) FROM ${schema}.listing) - l.created_at)::float8))`;
  }
  if (query.inStock === true) where.push("l.stock > 0");
  if (query.inStock === false) where.push("l.stock = 0");
  if (query.seller !== undefined) where.push(`l.seller = ${p.add(query.seller)}`);
  const needsRating = query.minRating !== undefined || query.sort === "rating";
  if (query.minRating !== undefined) {
    where.push(`a.ratings_as_seller > 0 AND a.score_sum_as_seller >= ${p.add(query.minRating)}::numeric * a.ratings_as_seller`);
  }
  const categoryFilter = query.category === undefined ? "true" : `category = ${p.add(query.category)}`;
  const tokenParts: string[] = [];
  if (query.token !== undefined) tokenParts.push(`token = ${p.add(query.token)}`);
  if (query.minPrice !== undefined) tokenParts.push(`price >= ${p.add(query.minPrice.toString())}::numeric`);
  if (query.maxPrice !== undefined) tokenParts.push(`price <= ${p.add(query.maxPrice.toString())}::numeric`);
  const tokenFilter = tokenParts.length === 0 ? "true" : tokenParts.join(" AND ");

  const sort = query.sort ?? (text === undefined ? "newest" : "relevance");
  const order = {
    relevance: text === undefined ? "id DESC" : "rank DESC, id DESC",
    newest: "id DESC",
    "price-asc": "price ASC, id DESC",
    "price-desc": "price DESC, id DESC",
    rating: "seller_rating DESC NULLS LAST, id DESC",
  }[sort];
  const limit = p.add(query.pageSize);
  const offset = p.add((query.page - 1) * query.pageSize);

  const sql = `
    WITH base AS MATERIALIZED (
      SELECT l.id, l.token, l.price, d.category, ${rank} AS rank,
        ${needsRating ? "CASE WHEN a.ratings_as_seller > 0 THEN a.score_sum_as_seller::float8 / a.ratings_as_seller END" : "NULL::float8"} AS seller_rating
      FROM ${schema}.listing l
      LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = l.metadata_digest AND d.kind = 'listing'
      ${needsRating ? `LEFT JOIN ${schema}.account a ON a.address = l.seller` : ""}
      WHERE ${where.join(" AND ")}
    )
    SELECT
      (SELECT count(*)::int FROM base WHERE ${categoryFilter} AND ${tokenFilter}) AS total,
      (SELECT coalesce(json_agg(json_build_object('category', category, 'count', n) ORDER BY n DESC, category), '[]')
         FROM (SELECT category, count(*)::int AS n FROM base WHERE category IS NOT NULL AND ${tokenFilter} GROUP BY category) c) AS categories,
      (SELECT coalesce(json_agg(json_build_object('token', token, 'count', n) ORDER BY n DESC, token), '[]')
         FROM (SELECT token, count(*)::int AS n FROM base WHERE ${categoryFilter} GROUP BY token) t) AS tokens,
      (SELECT coalesce(json_agg(json_build_array(id::text, rank) ORDER BY ${order}), '[]')
         FROM (SELECT id, rank, price, seller_rating FROM base WHERE ${categoryFilter} AND ${tokenFilter}
               ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) page) AS page`;
  const { rows } = await pool.query<{
    total: number;
    categories: Array<{ category: string; count: number }>;
    tokens: Array<{ token: string; count: number }>;
    page: Array<[string, number]>;
  }>(sql, p.values);
  const row = rows[0]!;
  return {
    total: row.total,
    ids: row.page.map(([id]) => BigInt(id)),
    relevance: new Map(row.page.map(([id, r]) => [BigInt(id), r])),
    facets: { categories: row.categories, tokens: row.tokens },
    corrections: text?.corrections ?? {},
  };
}
