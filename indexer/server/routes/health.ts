/**
 * `GET /health`: `{ chainId, block, synced }`. `block` is the last block Ponder has indexed; `synced` is true once
 * the historical backfill is done and the index is within one block of the chain's head (the head is read from the
 * RPC at most once a second).
 */
import type { Context } from "hono";

import type { ApiContext } from "../context.ts";
import { parseNoQuery } from "../query-params.ts";

/** Digits of the block timestamp and chain id before the block number in a Ponder checkpoint. */
const CHECKPOINT_BLOCK = { start: 10 + 16, length: 16 };

export function healthRoute(ctx: ApiContext) {
  let head: { value: number | null; at: number } = { value: null, at: 0 };
  async function chainHead(): Promise<number | null> {
    if (Date.now() - head.at < 1_000) return head.value;
    let value: number | null = null;
    try {
      const response = await fetch(ctx.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
        signal: AbortSignal.timeout(2_000),
      });
      value = Number.parseInt(((await response.json()) as { result: string }).result, 16);
    } catch {
      value = null;
    }
    head = { value, at: Date.now() };
    return value;
  }

  return async (c: Context) => {
    parseNoQuery(new URL(c.req.url));
    const [checkpoint, meta, chain] = await Promise.all([
      ctx.pool
        .query<{ latest_checkpoint: string }>(`SELECT latest_checkpoint FROM ${ctx.schema}._ponder_checkpoint LIMIT 1`)
        .catch(() => ({ rows: [] })),
      ctx.pool
        .query<{ ready: string | null }>(`SELECT value->>'is_ready' AS ready FROM ${ctx.schema}._ponder_meta WHERE key = 'app'`)
        .catch(() => ({ rows: [] })),
      chainHead(),
    ]);
    const latest = checkpoint.rows[0]?.latest_checkpoint;
    const block = latest === undefined ? null : Number(latest.slice(CHECKPOINT_BLOCK.start, CHECKPOINT_BLOCK.start + CHECKPOINT_BLOCK.length));
    const ready = meta.rows[0]?.ready === "1";
    const synced = ready && block !== null && chain !== null && chain - block <= 1;
    return c.json({ chainId: ctx.chainId, block, head: chain, synced });
  };
}
