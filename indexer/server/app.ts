/**
 * Souk's public HTTP API (docs/API.md). Reads PostgreSQL directly (a read replica will do), so any number of
 * instances can serve it; Ponder's GraphQL and SQL-over-HTTP are passed through to Ponder's own server. CORS allows
 * the configured origins only.
 */
import { Hono } from "hono";
import { cors } from "hono/cors";

import type { ApiContext } from "./context.ts";
import { BadRequest } from "./query-params.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { healthRoute } from "./routes/health.ts";
import { listingRoutes } from "./routes/listings.ts";
import { arbiterRoutes, orderRoutes } from "./routes/orders.ts";
import { priceSuggestionRoutes } from "./routes/price-suggestion.ts";
import { sellerRoutes } from "./routes/sellers.ts";
import { similarRoutes } from "./routes/similar.ts";
import { statsRoutes } from "./routes/stats.ts";
import { trustRoutes } from "./routes/trust.ts";

export interface AppOptions {
  corsOrigins: string[];
  /** Ponder's HTTP server, for /graphql, /sql/*, /ready and /status; those answer 503 when absent. */
  ponderUrl?: string;
  onError?: (error: unknown) => void;
}

/** Routes passed through to Ponder unchanged. */
const PONDER_PATHS = ["/graphql", "/sql/*", "/ready", "/status"];

export function createApp(ctx: ApiContext, options: AppOptions): Hono {
  const app = new Hono();
  // How long the handler took, for clients and benchmarks (the Server-Timing header, in milliseconds; a route may add
  // entries of its own, such as whether a cached answer was served). Registered first, so that it wraps everything.
  app.use("/api/*", async (c, next) => {
    const started = performance.now();
    await next();
    c.header("server-timing", `app;dur=${(performance.now() - started).toFixed(2)}`, { append: true });
  });
  app.use(
    "*",
    cors({
      origin: (origin) => (options.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["content-type"],
      maxAge: 600,
    }),
  );
  app.get("/health", healthRoute(ctx));
  app.route("/api/listings", listingRoutes(ctx));
  app.route("/api/accounts", accountRoutes(ctx));
  app.route("/api/orders", orderRoutes(ctx));
  app.route("/api/arbiters", arbiterRoutes(ctx));
  app.route("/api/stats", statsRoutes(ctx));
  // Analytics (server/insights/).
  app.route("/api/listings", similarRoutes(ctx));
  app.route("/api/accounts", trustRoutes(ctx));
  app.route("/api/sellers", sellerRoutes(ctx));
  app.route("/api/price-suggestion", priceSuggestionRoutes(ctx));
  for (const path of PONDER_PATHS) {
    app.all(path, async (c) => {
      if (options.ponderUrl === undefined) return c.json({ error: "Ponder's server is not configured here." }, 503);
      const url = new URL(c.req.url);
      const target = new URL(url.pathname + url.search, options.ponderUrl);
      const method = c.req.method;
      try {
        const response = await fetch(target, {
          method,
          headers: { "content-type": c.req.header("content-type") ?? "application/json", accept: c.req.header("accept") ?? "*/*" },
          body: method === "GET" || method === "HEAD" ? undefined : await c.req.arrayBuffer(),
        });
        const headers = new Headers(response.headers);
        // Ponder allows every origin; the answer carries ours (set by the CORS middleware) instead.
        headers.delete("access-control-allow-origin");
        headers.delete("content-encoding");
        headers.delete("content-length");
        return new Response(response.body, { status: response.status, headers });
      } catch {
        return c.json({ error: "Ponder's server is not answering." }, 502);
      }
    });
  }
  app.notFound((c) => c.json({ error: `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}. See docs/API.md.` }, 404));
  app.onError((error, c) => {
    if (error instanceof BadRequest) return c.json({ error: error.message }, 400);
    // A table not there yet: Ponder or the document fetcher is still setting up a fresh database.
    if ((error as { code?: string }).code === "42P01") {
      return c.json({ error: "The index is being prepared; try again in a moment." }, 503);
    }
    options.onError?.(error);
    return c.json({ error: "The indexer failed to answer; try again." }, 500);
  });
  return app;
}
