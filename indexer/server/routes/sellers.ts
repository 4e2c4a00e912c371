/**
 * `GET /api/sellers/:address/analytics` (the dashboard's figures: insights/seller-analytics.ts) and
 * `GET /api/sellers/:address/sales.csv` (one row per order: insights/sales-csv.ts).
 */
import { Hono } from "hono";

import type { ApiContext } from "../context.ts";
import { salesCsv } from "../insights/sales-csv.ts";
import { sellerAnalytics } from "../insights/seller-analytics.ts";
import { indexedTime } from "../insights/time-buckets.ts";
import { tokenInfoReader } from "../insights/token-info.ts";
import { parseAddress, parseNoQuery } from "../query-params.ts";

export function sellerRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  const tokenInfo = tokenInfoReader(ctx.rpcUrl);

  app.get("/:address/analytics", async (c) => {
    parseNoQuery(new URL(c.req.url));
    const seller = parseAddress(c.req.param("address"), "address");
    return c.json(await sellerAnalytics(ctx, seller, await indexedTime(ctx)));
  });

  app.get("/:address/sales.csv", async (c) => {
    parseNoQuery(new URL(c.req.url));
    const seller = parseAddress(c.req.param("address"), "address");
    const csv = await salesCsv(ctx, seller, tokenInfo);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="souk-sales-${seller}.csv"`,
    });
  });

  return app;
}
