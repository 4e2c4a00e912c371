/**
 * The indexer's API server and document fetcher, beside `ponder start`:
 *   node --import tsx indexer/server/main.ts
 * Settings come from the environment (lib/env.ts): DATABASE_URL, DATABASE_SCHEMA (Ponder's --schema), SOUK_API_PORT,
 * SOUK_API_HOST (127.0.0.1), SOUK_PONDER_URL, SOUK_CORS_ORIGINS, SOUK_IPFS_GATEWAYS, SOUK_DOCUMENTS (on|off).
 * SIGINT or SIGTERM stops it: the port is closed, fetches in flight finish, connections are released.
 */
import { serve } from "@hono/node-server";
import pg from "pg";

import { readIndexerEnv } from "../lib/env.ts";
import { createApp } from "./app.ts";
import { ensureDocumentStore } from "./documents/store-schema.ts";
import { startDocumentWorker, type DocumentWorker } from "./documents/worker.ts";
import { startFundingWorker, type FundingWorker } from "./insights/funding-worker.ts";
import { ensureInsightsStore } from "./insights/store-schema.ts";
import { quoteIdent } from "./sql.ts";

const env = readIndexerEnv(process.env);
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: env.poolSize, application_name: "souk-api" });
pool.on("error", (error) => console.error("PostgreSQL connection error:", error.message));
await ensureDocumentStore(pool);
await ensureInsightsStore(pool, env.databaseSchema);

let worker: DocumentWorker | undefined;
let funding: FundingWorker | undefined;
if (env.fetchDocuments) {
  worker = startDocumentWorker({
    pool,
    schema: env.databaseSchema,
    gateways: env.gateways,
    backoffMs: env.documentRetryMs,
    onError: (error) => console.error("Document fetcher:", error instanceof Error ? error.message : error),
  });
  // The same process checks where the buyers of rated orders got their money (server/insights/funding-worker.ts).
  funding = startFundingWorker({
    pool,
    schema: env.databaseSchema,
    rpcUrl: env.rpcUrls[0]!,
    onError: (error) => console.error("Funding checker:", error instanceof Error ? error.message : error),
  });
}

const app = createApp(
  { pool, schema: quoteIdent(env.databaseSchema), rawSchema: env.databaseSchema, chainId: env.chainId, rpcUrl: env.rpcUrls[0]! },
  {
    corsOrigins: env.corsOrigins,
    ...(env.ponderUrl === undefined ? {} : { ponderUrl: env.ponderUrl }),
    onError: (error) => console.error("Request failed:", error),
  },
);
const server = serve({ fetch: app.fetch, port: env.apiPort, hostname: env.apiHost }, (info) => {
  console.log(`Souk API listening on http://${env.apiHost}:${info.port}`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    (server as import("node:http").Server).closeAllConnections();
  });
  await worker?.stop();
  await funding?.stop();
  await pool.end();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
