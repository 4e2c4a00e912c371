/**
 * `GET /api/listings`: full-text search, filters, facets and sorting over the search projection (projection.ts).
 *
 * Facets are disjunctive: the category counts apply every filter but the category, the token counts every filter
 * but the token (and its price range), so that a person sees what each choice would give. Relevance is ts_rank
 * (title weighted A, tags B, details C, description D) times a recency boost.
 *
 * What each answer costs, whatever the catalogue's size:
 *   - without text, the total and both facets come from the kept counts (listing-counts.ts), exact; a price range
 *     adds a count of the listings in that range of that token, read through the (token, price) index;
 *   - with text, the matches are counted newest first up to a limit (COUNT_LIMIT): up to it every count is exact;
 *     past it the answer says so (`totalExact`, `facets.exact`) and the facets and the relevance order cover the
 *     newest COUNT_LIMIT matches (the total is still exact when the chosen category, token or price range keeps
 *     the matches under the limit);
 *   - the page is read from an index in the order asked and stops after it (relevance: from the counted matches).
 */
import type pg from "pg";

import { TS_CONFIG } from "../documents/store-schema.ts";
import type { ListingsQuery } from "../query-params.ts";
import { Params, quoteIdent } from "../sql.ts";
import { keptCountsSql } from "./listing-counts.ts";
import { projectionSchema, projectionTable, SELLER_RATING } from "./projection.ts";
import { buildTextQuery } from "./text-query.ts";

/** Text matches counted exactly; past this many, an answer's counts say "more than COUNT_LIMIT". */
export const COUNT_LIMIT = 5_000;

export interface ListingsPage {
  /** Listings matching every filter; when `totalExact` is false, more than this many (this is the count limit). */
  total: number;
  totalExact: boolean;
  ids: bigint[];
  relevance: Map<bigint, number>;
  facets: {
    /** False when the counts cover only the newest COUNT_LIMIT text matches (each count is then a lower bound). */
    exact: boolean;
    categories: Array<{ category: string; count: number }>;
    tokens: Array<{ token: string; count: number }>;
  };
  corrections: Record<string, string[]>;
}

export interface SearchOptions {
  /** Text matches counted exactly (tests lower it); COUNT_LIMIT by default. */
  countLimit?: number;
}

/** A count of listings of one category and token, inside the price range asked for or not. */
interface Tally {
  category: string | null;
  token: string;
  inRange: boolean;
  n: number;
}

/** A listing a week old keeps half of its recency boost. */
const RECENCY_SECONDS = 7 * 24 * 3600;

export async function searchListings(pool: pg.Pool, rawSchema: string, query: ListingsQuery, options: SearchOptions = {}): Promise<ListingsPage> {
  const limit = options.countLimit ?? COUNT_LIMIT;
  const table = projectionTable(rawSchema);
  const text = query.q === undefined ? undefined : await buildTextQuery(pool, query.q);
  // A query of stop words only ("the") constrains nothing: it browses.
  const tsquery = text?.empty === false ? text.tsquery : undefined;
  const sort = query.sort ?? (text === undefined ? "newest" : "relevance");
  const byRelevance = sort === "relevance" && tsquery !== undefined;
  const priced = query.minPrice !== undefined || query.maxPrice !== undefined;
  const faceted = query.category !== undefined || query.token !== undefined || priced;

  /**
   * Conditions with their values collected in `params` (each statement numbers its own). Each part adds its values
   * when first asked for, so that a statement holds only the values it uses.
   */
  const sql = (params: Params) => {
    const tsq = once(() => `to_tsquery('${TS_CONFIG}', ${params.add(tsquery)})`);
    const price = once(() => {
      const range: string[] = [];
      if (query.minPrice !== undefined) range.push(`p.price >= ${params.add(query.minPrice.toString())}::numeric`);
      if (query.maxPrice !== undefined) range.push(`p.price <= ${params.add(query.maxPrice.toString())}::numeric`);
      return range;
    });
    return {
      base: once(() => {
        const base = ["p.doc_status IS DISTINCT FROM 'invalid'"];
        if (query.status !== "all") base.push(query.status === "open" ? "NOT p.closed" : "p.closed");
        if (query.inStock === true) base.push("p.stock > 0");
        if (query.inStock === false) base.push("p.stock = 0");
        if (query.seller !== undefined) base.push(`p.seller = ${params.add(query.seller)}`);
        if (query.minRating !== undefined) {
          const min = params.add(query.minRating);
          // The exact test, and the same on the rating index's expression (implied by it: rounding is monotonic).
          base.push(`p.seller_ratings > 0 AND p.seller_score_sum >= ${min}::numeric * p.seller_ratings AND ${SELLER_RATING} >= ${min}::float8`);
        }
        if (tsquery !== undefined) base.push(`p.search @@ ${tsq()}`);
        return base;
      }),
      facet: once(() => {
        const facet = [...price()];
        if (query.category !== undefined) facet.push(`p.category = ${params.add(query.category)}`);
        if (query.token !== undefined) facet.push(`p.token = ${params.add(query.token)}`);
        return facet;
      }),
      inRange: once(() => (price().length === 0 ? "true" : price().join(" AND "))),
      rank: once(() =>
        tsquery === undefined
          ? "0::float8"
          : `ts_rank(p.search, ${tsq()}) * ` +
            `(1 + ${RECENCY_SECONDS}::float8 / (${RECENCY_SECONDS} + greatest(0, (SELECT max(created_at) FROM ${table}) - p.created_at)::float8))`,
      ),
    };
  };
  const and = (conditions: string[]) => (conditions.length === 0 ? "true" : conditions.join(" AND "));
  const pageClause = (params: Params) =>
    `LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}`;

  // The page in the order asked, read from the index for that order (relevance: from the counted matches below).
  const order = {
    relevance: "p.id DESC",
    newest: "p.id DESC",
    // Prices in different currencies cannot be compared: they are sorted within each currency, ETH first.
    "price-asc": "p.token ASC, p.price ASC, p.id DESC",
    "price-desc": "p.token ASC, p.price DESC, p.id DESC",
    rating: `${SELLER_RATING} DESC NULLS LAST, p.seller_ratings DESC, p.id DESC`,
  }[sort];
  const orderedPage = async () => {
    const params = new Params();
    const c = sql(params);
    // Ranked outside the ordered scan, so that only the page's rows are ranked whatever the plan (a sort computes
    // its input's columns for every row it sorts).
    const { rows } = await pool.query<{ id: string; rank: number }>(
      `SELECT p.id::text AS id, ${c.rank()} AS rank FROM (
         SELECT p.* FROM ${table} p WHERE ${and([...c.base(), ...c.facet()])} ORDER BY ${order} ${pageClause(params)}
       ) p ORDER BY ${order}`,
      params.values,
    );
    return rows;
  };

  let tallies: Tally[];
  let total: number | undefined;
  let counted = true;
  let pageRows: Array<{ id: string; rank: number }>;
  if (tsquery === undefined) {
    const [kept, page] = await Promise.all([keptTallies(), orderedPage()]);
    tallies = kept;
    pageRows = page;
  } else {
    const [matches, page] = await Promise.all([countMatches(false), byRelevance ? undefined : orderedPage()]);
    tallies = matches.tallies;
    counted = matches.counted;
    pageRows = matches.page ?? page!;
    if (!counted && faceted) {
      // Too many matches to count them all, but the filters chosen may leave few enough.
      const filtered = await countMatches(true);
      if (filtered.counted) total = filtered.tallies.reduce((sum, t) => sum + t.n, 0);
      if (byRelevance) pageRows = filtered.page!;
    }
  }

  /** Without text: the kept counts, and the listings in the price range when one is asked for (one snapshot). */
  async function keptTallies(): Promise<Tally[]> {
    const params = new Params();
    const kept = keptCountsSql(projectionSchema(rawSchema), quoteIdent(rawSchema), query, params);
    let statement = `SELECT 'kept' AS source, category, token, n FROM (${kept}) k`;
    if (priced) {
      const c = sql(params);
      statement += ` UNION ALL
        SELECT 'range', coalesce(p.category, ''), p.token, count(*)::int FROM ${table} p
        WHERE ${and([...c.base(), c.inRange(), `p.token = ${params.add(query.token)}`])} GROUP BY 2, 3`;
    }
    const { rows } = await pool.query<{ source: "kept" | "range"; category: string; token: string; n: number }>(statement, params.values);
    const inRange = new Map(rows.filter((r) => r.source === "range").map((r) => [r.category, r.n]));
    return rows
      .filter((r) => r.source === "kept")
      .flatMap((r): Tally[] => {
        const category = r.category === "" ? null : r.category;
        if (!priced || r.token !== query.token) return [{ category, token: r.token, inRange: true, n: r.n }];
        const inside = inRange.get(r.category) ?? 0;
        return [
          { category, token: r.token, inRange: true, n: inside },
          { category, token: r.token, inRange: false, n: r.n - inside },
        ];
      });
  }

  /**
   * The text matches, newest first up to the count limit (plus one, to know whether there are more): their tallies
   * per category, token and price range, and, by relevance, the page ranked among them. `filtered`: the matches of
   * every filter (for the total) instead of those the facets need (every filter but category, token and price).
   */
  async function countMatches(filtered: boolean) {
    const params = new Params();
    const c = sql(params);
    const where = filtered ? [...c.base(), ...c.facet()] : c.base();
    // `m`: the newest matches, one more than the limit to know whether there are more; `counted`: the limit's worth.
    // By relevance, the tsvector comes along unread (a pointer to it) and only the counted matches are ranked.
    let statement = `
      WITH m AS MATERIALIZED (
        SELECT p.id, p.category, p.token, ${c.inRange()} AS in_range, ${and(c.facet())} AS chosen${byRelevance ? ", p.search, p.created_at" : ""}
        FROM ${table} p WHERE ${and(where)}
        ORDER BY p.id DESC LIMIT ${params.add(limit + 1)}),
      counted AS (SELECT * FROM m ORDER BY id DESC LIMIT ${params.add(limit)})
      SELECT 'count' AS kind, category, token, in_range, count(*)::int AS n, NULL AS id, NULL::float8 AS rank
      FROM counted GROUP BY category, token, in_range
      UNION ALL
      SELECT 'matched', NULL, NULL, NULL, count(*)::int, NULL, NULL FROM m`;
    if (byRelevance) {
      statement += ` UNION ALL (
        SELECT 'page', NULL, NULL, NULL, NULL, p.id::text, ${c.rank()} AS rank FROM counted p WHERE p.chosen
        ORDER BY rank DESC, p.id DESC ${pageClause(params)})`;
    }
    const { rows } = await pool.query<{
      kind: "count" | "matched" | "page";
      category: string | null;
      token: string;
      in_range: boolean;
      n: number;
      id: string;
      rank: number;
    }>(statement, params.values);
    return {
      counted: rows.find((r) => r.kind === "matched")!.n <= limit,
      tallies: rows.filter((r) => r.kind === "count").map((r) => ({ category: r.category, token: r.token, inRange: r.in_range, n: r.n })),
      page: byRelevance ? rows.filter((r) => r.kind === "page").map((r) => ({ id: r.id, rank: r.rank })) : undefined,
    };
  }

  const categoryMatches = (t: Tally) => query.category === undefined || t.category === query.category;
  const tokenMatches = (t: Tally) => (query.token === undefined || t.token === query.token) && t.inRange;
  let countedTotal = 0;
  const categories = new Map<string, number>();
  const tokens = new Map<string, number>();
  for (const t of tallies) {
    if (categoryMatches(t) && tokenMatches(t)) countedTotal += t.n;
    if (t.category !== null && tokenMatches(t)) categories.set(t.category, (categories.get(t.category) ?? 0) + t.n);
    // The token facet ignores the token and its price range.
    if (categoryMatches(t)) tokens.set(t.token, (tokens.get(t.token) ?? 0) + t.n);
  }
  const totalExact = counted || total !== undefined;
  return {
    total: counted ? countedTotal : (total ?? limit),
    totalExact,
    ids: pageRows.map((row) => BigInt(row.id)),
    relevance: new Map(pageRows.map((row) => [BigInt(row.id), row.rank])),
    facets: {
      exact: counted,
      categories: byCount(categories).map(([category, count]) => ({ category, count })),
      tokens: byCount(tokens).map(([token, count]) => ({ token, count })),
    },
    corrections: text?.corrections ?? {},
  };
}

/** `make`'s value, made on the first call. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Largest count first, then by name. */
function byCount(map: Map<string, number>): Array<[string, number]> {
  return [...map].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
}
