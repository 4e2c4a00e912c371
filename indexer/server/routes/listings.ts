/** `GET /api/listings` (search) and `GET /api/listings/:id` (one listing with its versions and history). */
import { digestToCid } from "@souk/sdk";
import { Hono } from "hono";

import type { ApiContext } from "../context.ts";
import { parseId, parseListingsQuery, parseNoQuery } from "../query-params.ts";
import { searchListings } from "../search/listings-search.ts";
import { readListings } from "./listing-items.ts";

export function listingRoutes(ctx: ApiContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const query = parseListingsQuery(new URL(c.req.url));
    const page = await searchListings(ctx.pool, ctx.rawSchema, query);
    const items = await readListings(ctx, page.ids, true);
    if (query.q !== undefined) for (const item of items) item.relevance = page.relevance.get(BigInt(item.id)) ?? 0;
    return c.json({
      total: page.total,
      totalExact: page.totalExact,
      page: query.page,
      pageSize: query.pageSize,
      items,
      facets: page.facets,
      ...(Object.keys(page.corrections).length > 0 ? { corrections: page.corrections } : {}),
    });
  });

  app.get("/:id", async (c) => {
    parseNoQuery(new URL(c.req.url));
    const id = parseId(c.req.param("id"), "listing id");
    const [item] = await readListings(ctx, [id], false);
    if (item === undefined) return c.json({ error: `No listing ${id} (yet).` }, 404);
    const [versions, events] = await Promise.all([
      ctx.pool.query<{ version: string; price: string; stock: string; metadata_digest: string; timestamp: string; block_number: string; transaction_hash: string }>(
        `SELECT version::text, price::text, stock::text, metadata_digest, timestamp::text, block_number::text, transaction_hash
         FROM ${ctx.schema}.listing_version WHERE listing_id = $1 ORDER BY version`,
        [id.toString()],
      ),
      ctx.pool.query<{ kind: string; version: string; price: string | null; stock: string | null; stock_delta: string | null; metadata_digest: string | null; timestamp: string; block_number: string; transaction_hash: string }>(
        `SELECT kind, version::text, price::text, stock::text, stock_delta::text, metadata_digest, timestamp::text,
           block_number::text, transaction_hash
         FROM ${ctx.schema}.listing_event WHERE listing_id = $1 ORDER BY block_number, id`,
        [id.toString()],
      ),
    ]);
    return c.json({
      ...item,
      versions: versions.rows.map((v) => ({
        version: v.version,
        price: v.price,
        stock: v.stock,
        metadataDigest: v.metadata_digest,
        metadataCid: digestToCid(v.metadata_digest as `0x${string}`),
        timestamp: Number(v.timestamp),
        blockNumber: Number(v.block_number),
        transactionHash: v.transaction_hash,
      })),
      events: events.rows.map((e) => ({
        kind: e.kind,
        version: e.version,
        ...(e.price === null ? {} : { price: e.price }),
        ...(e.stock === null ? {} : { stock: e.stock }),
        ...(e.stock_delta === null ? {} : { stockDelta: e.stock_delta }),
        ...(e.metadata_digest === null ? {} : { metadataDigest: e.metadata_digest }),
        timestamp: Number(e.timestamp),
        blockNumber: Number(e.block_number),
        transactionHash: e.transaction_hash,
      })),
    });
  });

  return app;
}

