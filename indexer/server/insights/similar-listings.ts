/**
 * Similar listings (`GET /api/listings/:id/similar`): open listings in stock from other sellers whose titles are
 * most alike, by trigram similarity in PostgreSQL (pg_trgm: the share of three-letter sequences two titles have in
 * common), a listing in the same category ranking first at equal similarity. The nearest titles come from a GiST
 * trigram index (a nearest-neighbour scan), so the cost does not grow with the catalogue.
 */
import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { projectionTable } from "../search/projection.ts";

/** Below this similarity two titles have too little in common to call the listings similar. */
export const MIN_SIMILARITY = 0.2;
/** Nearest titles taken from the index before filtering (other sellers, open, in stock). */
const CANDIDATES = 200;

export async function similarListings(ctx: ApiContext, id: bigint, limit: number): Promise<Array<{ id: bigint; similarity: number }> | null> {
  const projection = projectionTable(ctx.rawSchema);
  const { rows: self } = await ctx.pool.query<{ title: string | null; category: string | null; seller: string }>(
    `SELECT d.title, d.category, p.seller
     FROM ${projection} p
     LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = p.digest AND d.kind = 'listing' AND d.status = 'valid'
     WHERE p.id = $1`,
    [id.toString()],
  );
  const me = self[0];
  if (me === undefined) return null;
  if (me.title === null) return [];
  const { rows } = await ctx.pool.query<{ id: string; similarity: number }>(
    `SELECT p.id::text, c.similarity
     FROM (SELECT d.digest, d.category, similarity(d.title, $1) AS similarity
           FROM ${DOCUMENTS_SCHEMA}.document d
           WHERE d.kind = 'listing' AND d.status = 'valid'
           ORDER BY d.title <-> $1
           LIMIT ${CANDIDATES}) c
     JOIN ${projection} p ON p.digest = c.digest
     WHERE c.similarity >= ${MIN_SIMILARITY} AND NOT p.closed AND p.stock > 0 AND p.seller <> $2 AND p.id <> $3
     ORDER BY c.similarity DESC, (c.category IS NOT DISTINCT FROM $4) DESC, p.id DESC
     LIMIT $5`,
    [me.title, me.seller, id.toString(), me.category, limit],
  );
  return rows.map((r) => ({ id: BigInt(r.id), similarity: Math.round(r.similarity * 1000) / 1000 }));
}
