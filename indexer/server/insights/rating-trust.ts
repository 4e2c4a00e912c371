/**
 * How far a seller's score can be trusted (`GET /api/accounts/:address/trust`), from the rating events' value and
 * counterparty (protocol v2) and the funding checks:
 *   - the plain average, as the Reputation contract counts it;
 *   - the average weighted by order value, per payment token: each score counts in proportion to the amount paid
 *     (amounts in different tokens cannot be added, so each token has its own);
 *   - the distinct buyers behind the score, and those who rated more than once;
 *   - flags: the buyer was funded by the seller (funding-worker.ts), or the two trade back and forth at tiny amounts
 *     (each has bought from the other, and this order is under a tenth of the median order in its token);
 *   - the plain average without the flagged ratings.
 */
import type { ApiContext } from "../context.ts";
import { average } from "../routes/numbers.ts";
import { insightsSchema } from "./store-schema.ts";

/** An order is tiny below this share of the median order in its token. */
export const TINY_SHARE = 10n;

interface RatingRow {
  order_id: string;
  rater: string;
  score: number;
  token: string;
  amount: string;
  placed_tx: string | null;
  checked: boolean;
  funded: boolean | null;
  evidence_kind: string | null;
  evidence_tx: string | null;
  evidence_block: string | null;
}

export type TrustFlag =
  | { kind: "funded-by-seller"; via: string; transactionHash: string; blockNumber: number }
  | { kind: "back-and-forth"; medianInToken: string };

export interface RatingTrust {
  address: string;
  plain: { count: number; average: number | null };
  weighted: Array<{ token: string; count: number; value: string; average: number | null }>;
  distinctBuyers: number;
  repeatBuyers: number;
  ratingsFromRepeatBuyers: number;
  flagged: Array<{ orderId: string; rater: string; score: number; token: string; amount: string; flags: TrustFlag[] }>;
  withoutFlagged: { count: number; average: number | null };
  fundingChecks: { checked: number; pending: number };
}

/** Σ(score × amount) / Σ(amount), rounded half up to two decimals, exactly (integers throughout). */
export function valueWeightedAverage(ratings: Array<{ score: number; amount: bigint }>): number | null {
  const total = ratings.reduce((sum, r) => sum + r.amount, 0n);
  if (total === 0n) return null;
  const weighted = ratings.reduce((sum, r) => sum + BigInt(r.score) * r.amount, 0n);
  return Number((weighted * 200n + total) / (2n * total)) / 100;
}

export async function ratingTrust(ctx: ApiContext, address: string): Promise<RatingTrust> {
  const s = ctx.schema;
  const [ratings, boughtFrom] = await Promise.all([
    ctx.pool.query<RatingRow>(
      `SELECT r.order_id::text, r.rater, r.score, r.token, r.amount::text, e.transaction_hash AS placed_tx,
         (f.order_id IS NOT NULL) AS checked, f.funded, f.evidence_kind, f.evidence_tx, f.evidence_block::text
       FROM ${s}.rating r
       LEFT JOIN ${s}.order_event e ON e.order_id = r.order_id AND e.kind = 'Placed'
       LEFT JOIN ${insightsSchema(ctx.rawSchema)}.funding_check f ON f.order_id = r.order_id AND f.placed_tx = e.transaction_hash
       WHERE r.ratee = $1 AND r.role = 'Seller'
       ORDER BY r.timestamp, r.order_id`,
      [address],
    ),
    ctx.pool.query<{ seller: string }>(`SELECT DISTINCT seller FROM ${s}.orders WHERE buyer = $1`, [address]),
  ]);
  const rows = ratings.rows;
  const tokens = [...new Set(rows.map((r) => r.token))].sort();
  const medians = new Map<string, bigint>();
  if (tokens.length > 0) {
    const { rows: m } = await ctx.pool.query<{ token: string; median: string }>(
      `SELECT token, percentile_disc(0.5) WITHIN GROUP (ORDER BY amount)::text AS median
       FROM ${s}.orders WHERE token = ANY($1::text[]) GROUP BY token`,
      [tokens],
    );
    for (const row of m) medians.set(row.token, BigInt(row.median));
  }
  const sellersOfMine = new Set(boughtFrom.rows.map((r) => r.seller));

  const perRater = new Map<string, number>();
  for (const r of rows) perRater.set(r.rater, (perRater.get(r.rater) ?? 0) + 1);
  const flagged: RatingTrust["flagged"] = [];
  const clean: RatingRow[] = [];
  for (const r of rows) {
    const flags: TrustFlag[] = [];
    if (r.funded === true) {
      flags.push({ kind: "funded-by-seller", via: r.evidence_kind!, transactionHash: r.evidence_tx!, blockNumber: Number(r.evidence_block) });
    }
    const median = medians.get(r.token);
    if (sellersOfMine.has(r.rater) && median !== undefined && BigInt(r.amount) * TINY_SHARE < median) {
      flags.push({ kind: "back-and-forth", medianInToken: median.toString() });
    }
    if (flags.length > 0) flagged.push({ orderId: r.order_id, rater: r.rater, score: r.score, token: r.token, amount: r.amount, flags });
    else clean.push(r);
  }
  const sum = (list: RatingRow[]) => list.reduce((a, r) => a + r.score, 0);
  const checked = rows.filter((r) => r.checked).length;
  return {
    address,
    plain: { count: rows.length, average: average(sum(rows), rows.length) },
    weighted: tokens.map((token) => {
      const inToken = rows.filter((r) => r.token === token);
      return {
        token,
        count: inToken.length,
        value: inToken.reduce((a, r) => a + BigInt(r.amount), 0n).toString(),
        average: valueWeightedAverage(inToken.map((r) => ({ score: r.score, amount: BigInt(r.amount) }))),
      };
    }),
    distinctBuyers: perRater.size,
    repeatBuyers: [...perRater.values()].filter((n) => n >= 2).length,
    ratingsFromRepeatBuyers: [...perRater.values()].filter((n) => n >= 2).reduce((a, n) => a + n, 0),
    flagged: flagged.reverse(),
    withoutFlagged: { count: clean.length, average: average(sum(clean), clean.length) },
    fundingChecks: { checked, pending: rows.length - checked },
  };
}
