/** `GET /api/accounts/:address`: reputation per role, activity, and the reviews received with their replies. */
import { Hono } from "hono";

import { DOCUMENTS_SCHEMA } from "../documents/store-schema.ts";
import type { ApiContext } from "../context.ts";
import { parseAddress, parseNoQuery } from "../query-params.ts";
import { documentView } from "./documents.ts";
import { average } from "./numbers.ts";

/** Reviews returned with an account, newest first. */
const REVIEWS = 100;

interface AccountRow {
  ratings_as_seller: number;
  score_sum_as_seller: number;
  completed_as_seller: number;
  ratings_as_buyer: number;
  score_sum_as_buyer: number;
  completed_as_buyer: number;
  listings: number;
  orders_as_seller: number;
  orders_as_buyer: number;
  disputes_as_arbiter: number;
  rulings_as_arbiter: number;
  first_seen_at: string;
}

export function accountRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get("/:address", async (c) => {
    parseNoQuery(new URL(c.req.url));
    const address = parseAddress(c.req.param("address"), "address");
    const [account, distribution, reviews] = await Promise.all([
      ctx.pool.query<AccountRow>(`SELECT * FROM ${ctx.schema}.account WHERE address = $1`, [address]),
      ctx.pool.query<{ role: string; score: number; n: number }>(
        `SELECT role, score, count(*)::int AS n FROM ${ctx.schema}.rating WHERE ratee = $1 GROUP BY role, score`,
        [address],
      ),
      ctx.pool.query<ReviewRow>(
        `SELECT r.order_id::text, r.rater, r.ratee, r.role, r.score, r.token, r.amount::text, r.timestamp::text,
           r.review_digest, rv.status AS review_status, rv.error AS review_error, rv.body AS review_body,
           r.reply_digest, r.replied_at::text, rp.status AS reply_status, rp.error AS reply_error, rp.body AS reply_body,
           count(*) OVER ()::int AS total
         FROM ${ctx.schema}.rating r
         LEFT JOIN ${DOCUMENTS_SCHEMA}.document rv ON rv.digest = r.review_digest AND rv.kind = 'review'
         LEFT JOIN ${DOCUMENTS_SCHEMA}.document rp ON rp.digest = r.reply_digest AND rp.kind = 'reply'
         WHERE r.ratee = $1
         ORDER BY r.timestamp DESC, r.order_id DESC
         LIMIT ${REVIEWS}`,
        [address],
      ),
    ]);
    const row = account.rows[0];
    const scores = (role: string) => {
      const counts: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      for (const d of distribution.rows) if (d.role === role) counts[d.score] = d.n;
      return counts;
    };
    return c.json({
      address,
      known: row !== undefined,
      firstSeenAt: row === undefined ? null : Number(row.first_seen_at),
      asSeller: {
        ratings: row?.ratings_as_seller ?? 0,
        scoreSum: row?.score_sum_as_seller ?? 0,
        average: average(row?.score_sum_as_seller ?? 0, row?.ratings_as_seller ?? 0),
        completedOrders: row?.completed_as_seller ?? 0,
        orders: row?.orders_as_seller ?? 0,
        listings: row?.listings ?? 0,
        distribution: scores("Seller"),
      },
      asBuyer: {
        ratings: row?.ratings_as_buyer ?? 0,
        scoreSum: row?.score_sum_as_buyer ?? 0,
        average: average(row?.score_sum_as_buyer ?? 0, row?.ratings_as_buyer ?? 0),
        completedOrders: row?.completed_as_buyer ?? 0,
        orders: row?.orders_as_buyer ?? 0,
        distribution: scores("Buyer"),
      },
      asArbiter: { disputes: row?.disputes_as_arbiter ?? 0, rulings: row?.rulings_as_arbiter ?? 0 },
      reviewsTotal: reviews.rows[0]?.total ?? 0,
      reviews: reviews.rows.map(reviewView),
    });
  });
  return app;
}

interface ReviewRow {
  order_id: string;
  rater: string;
  ratee: string;
  role: string;
  score: number;
  token: string;
  amount: string;
  timestamp: string;
  review_digest: string | null;
  review_status: string | null;
  review_error: string | null;
  review_body: unknown;
  reply_digest: string | null;
  replied_at: string | null;
  reply_status: string | null;
  reply_error: string | null;
  reply_body: unknown;
  total: number;
}

function reviewView(r: ReviewRow) {
  return {
    orderId: r.order_id,
    rater: r.rater,
    ratee: r.ratee,
    role: r.role,
    score: r.score,
    token: r.token,
    amount: r.amount,
    timestamp: Number(r.timestamp),
    review: documentView({ digest: r.review_digest, status: r.review_status, error: r.review_error, body: r.review_body }),
    reply:
      r.reply_digest === null
        ? null
        : {
            timestamp: Number(r.replied_at),
            document: documentView({ digest: r.reply_digest, status: r.reply_status, error: r.reply_error, body: r.reply_body }),
          },
  };
}
