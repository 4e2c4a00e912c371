/** `GET /api/accounts/:address/trust`: how far a seller's score can be trusted (insights/rating-trust.ts). */
import { Hono } from "hono";

import type { ApiContext } from "../context.ts";
import { ratingTrust } from "../insights/rating-trust.ts";
import { parseAddress, parseNoQuery } from "../query-params.ts";

export function trustRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get("/:address/trust", async (c) => {
    parseNoQuery(new URL(c.req.url));
    return c.json(await ratingTrust(ctx, parseAddress(c.req.param("address"), "address")));
  });
  return app;
}
