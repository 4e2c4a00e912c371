/** `GET /api/price-suggestion?category=&token=`: insights/price-suggestion.ts. */
import { Hono } from "hono";

import type { ApiContext } from "../context.ts";
import { parsePriceSuggestionQuery } from "../insights/params.ts";
import { priceSuggestion } from "../insights/price-suggestion.ts";
import { indexedTime } from "../insights/time-buckets.ts";

export function priceSuggestionRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const query = parsePriceSuggestionQuery(new URL(c.req.url));
    return c.json(await priceSuggestion(ctx, query.category, query.token, await indexedTime(ctx)));
  });
  return app;
}
