/**
 * `GET /api/orders?account=&role=` (an account's orders), `GET /api/orders/:id` (one order with its timeline) and
 * `GET /api/arbiters/:address/disputes` (an arbiter's queue, with both sides' evidence).
 */
import { digestToCid } from "@souk/sdk";
import { Hono } from "hono";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { parseAddress, parseDisputesQuery, parseId, parseNoQuery, parseOrdersQuery } from "../query-params.ts";
import { Params } from "../sql.ts";
import { documentView } from "./documents.ts";
import { ORDER_COLUMNS, ORDER_NOTE_JOIN, orderTitles, orderView, type OrderRow } from "./order-items.ts";

export function orderRoutes(ctx: ApiContext): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const query = parseOrdersQuery(new URL(c.req.url));
    const p = new Params();
    const who = p.add(query.account);
    const roles = { buyer: `o.buyer = ${who}`, seller: `o.seller = ${who}`, arbiter: `o.arbiter = ${who}` };
    const where = [query.role === "any" ? `(${Object.values(roles).join(" OR ")})` : roles[query.role]];
    if (query.state !== undefined) where.push(`o.state = ANY(${p.add(query.state)}::text[])`);
    const { rows } = await ctx.pool.query<OrderRow & { total: number }>(
      `SELECT ${ORDER_COLUMNS}, count(*) OVER ()::int AS total
       FROM ${ctx.schema}.orders o ${ORDER_NOTE_JOIN}
       WHERE ${where.join(" AND ")}
       ORDER BY o.placed_at DESC, o.id DESC
       LIMIT ${p.add(query.pageSize)} OFFSET ${p.add((query.page - 1) * query.pageSize)}`,
      p.values,
    );
    const titles = await orderTitles(ctx, rows);
    return c.json({
      total: rows[0]?.total ?? (query.page === 1 ? 0 : await countOrders(ctx, where, p)),
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => ({ ...orderView(row), title: titles.get(row.id) ?? null })),
    });
  });

  app.get("/:id", async (c) => {
    parseNoQuery(new URL(c.req.url));
    const id = parseId(c.req.param("id"), "order id");
    const { rows } = await ctx.pool.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM ${ctx.schema}.orders o ${ORDER_NOTE_JOIN} WHERE o.id = $1`,
      [id.toString()],
    );
    const order = rows[0];
    if (order === undefined) return c.json({ error: `No order ${id} (yet).` }, 404);
    const [timeline, titles, version] = await Promise.all([
      readTimeline(ctx, [order.id]),
      orderTitles(ctx, [order]),
      ctx.pool.query<{ metadata_digest: string; price: string }>(
        `SELECT metadata_digest, price::text FROM ${ctx.schema}.listing_version WHERE listing_id = $1 AND version = $2`,
        [order.listing_id, order.listing_version],
      ),
    ]);
    const bought = version.rows[0];
    return c.json({
      ...orderView(order),
      title: titles.get(order.id) ?? null,
      listingVersionBought:
        bought === undefined
          ? null
          : { price: bought.price, metadataDigest: bought.metadata_digest, metadataCid: digestToCid(bought.metadata_digest as `0x${string}`) },
      timeline: timeline.get(order.id) ?? [],
    });
  });

  return app;
}

export function arbiterRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get("/:address/disputes", async (c) => {
    const query = parseDisputesQuery(new URL(c.req.url));
    const arbiter = parseAddress(c.req.param("address"), "arbiter address");
    const { rows } = await ctx.pool.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM ${ctx.schema}.orders o ${ORDER_NOTE_JOIN}
       WHERE o.arbiter = $1 AND o.disputed_at IS NOT NULL ${query.status === "open" ? "AND o.state = 'Disputed'" : ""}
       ORDER BY o.ruling_deadline ASC, o.id ASC`,
      [arbiter],
    );
    const [timeline, titles] = await Promise.all([readTimeline(ctx, rows.map((r) => r.id)), orderTitles(ctx, rows)]);
    return c.json({
      arbiter,
      total: rows.length,
      items: rows.map((row) => ({ ...orderView(row), title: titles.get(row.id) ?? null, timeline: timeline.get(row.id) ?? [] })),
    });
  });
  return app;
}

async function countOrders(ctx: ApiContext, where: string[], p: Params): Promise<number> {
  const { rows } = await ctx.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${ctx.schema}.orders o WHERE ${where.join(" AND ")}`,
    p.values.slice(0, -2),
  );
  return rows[0]!.n;
}

interface EventRow {
  order_id: string;
  kind: string;
  actor: string | null;
  digest: string | null;
  buyer_share_bps: number | null;
  amount: string | null;
  timestamp: string;
  block_number: string;
  transaction_hash: string;
  doc_status: string | null;
  doc_error: string | null;
  doc_body: unknown;
}

/** Timelines of orders, with the documents their events carry (notes, evidence). */
async function readTimeline(ctx: ApiContext, ids: string[]) {
  const { rows } = await ctx.pool.query<EventRow>(
    `SELECT e.order_id::text, e.kind, e.actor, e.digest, e.buyer_share_bps, e.amount::text, e.timestamp::text,
       e.block_number::text, e.transaction_hash, d.status AS doc_status, d.error AS doc_error, d.body AS doc_body
     FROM ${ctx.schema}.order_event e
     LEFT JOIN ${DOCUMENTS_SCHEMA}.document d ON d.digest = e.digest
       AND d.kind = CASE e.kind WHEN 'Fulfilled' THEN 'note' ELSE 'evidence' END
     WHERE e.order_id = ANY($1::numeric[])
     ORDER BY e.block_number, e.log_index`,
    [ids],
  );
  const byOrder = new Map<string, unknown[]>();
  for (const e of rows) {
    const list = byOrder.get(e.order_id) ?? [];
    list.push({
      kind: e.kind,
      actor: e.actor,
      ...(e.buyer_share_bps === null ? {} : { buyerShareBps: e.buyer_share_bps }),
      ...(e.amount === null ? {} : { amount: e.amount }),
      document: documentView({ digest: e.digest, status: e.doc_status, error: e.doc_error, body: e.doc_body }),
      timestamp: Number(e.timestamp),
      blockNumber: Number(e.block_number),
      transactionHash: e.transaction_hash,
    });
    byOrder.set(e.order_id, list);
  }
  return byOrder;
}
