/**
 * Ponder's own HTTP server: GraphQL (`/graphql`) and SQL over HTTP (`/sql/*`, for @ponder/client) over the tables
 * in ponder.schema.ts, for third parties. Souk's HTTP API (server/) serves the public routes and proxies these.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
