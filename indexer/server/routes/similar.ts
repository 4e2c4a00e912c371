/** `GET /api/listings/:id/similar?limit=`: listings like this one from other sellers (insights/similar-listings.ts). */
import { Hono } from "hono";

import type { ApiContext } from "../context.ts";
import { parseSimilarQuery } from "../insights/params.ts";
import { similarListings } from "../insights/similar-listings.ts";
import { parseId } from "../query-params.ts";
import { readListings } from "./listing-items.ts";

export function similarRoutes(ctx: ApiContext): Hono {
  const app = new Hono();
  app.get("/:id/similar", async (c) => {
    const { limit } = parseSimilarQuery(new URL(c.req.url));
    const id = parseId(c.req.param("id"), "listing id");
    const found = await similarListings(ctx, id, limit);
    if (found === null) return c.json({ error: `No listing ${id} (yet).` }, 404);
    const items = await readListings(ctx, found.map((f) => f.id), true);
    const similarity = new Map(found.map((f) => [f.id.toString(), f.similarity]));
    return c.json({ listingId: id.toString(), items: items.map((item) => ({ ...item, similarity: similarity.get(item.id)! })) });
  });
  return app;
}
